import type { E2eTest } from '../harness';
import { commandUiTests } from './commands.ui';
import type { UiContext } from './context';
import { diagnosticsUiTests } from './diagnostics.ui';

export const uiTests: E2eTest<UiContext>[] = [...diagnosticsUiTests, ...commandUiTests];
