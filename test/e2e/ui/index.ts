import type { E2eTest } from '../harness';
import { clusterUiTests } from './cluster.ui';
import { commandUiTests } from './commands.ui';
import type { UiContext } from './context';
import { diagnosticsUiTests } from './diagnostics.ui';
import { firstRunUiTests } from './firstRun.ui';
import { panelUiTests } from './panel.ui';

export const uiTests: E2eTest<UiContext>[] = [...diagnosticsUiTests, ...commandUiTests, ...clusterUiTests, ...panelUiTests, ...firstRunUiTests];
