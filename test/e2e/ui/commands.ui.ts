import * as assert from 'node:assert/strict';
import type { E2eTest } from '../harness';
import type { UiContext } from './context';
import { closeQuickInput, paletteEntries, quickOpen } from './workbench';

const TITLES = [
  'Shipshape: Apply Resource to Simulated Cluster',
  'Shipshape: Apply File to Simulated Cluster',
  'Shipshape: Delete Resource from Simulated Cluster',
  'Shipshape: Open Simulated Cluster',
  'Shipshape: Reset Simulated Cluster',
];

export const commandUiTests: E2eTest<UiContext>[] = [
  {
    name: 'the command palette offers every Shipshape command in a YAML editor',
    timeoutMs: 45_000,
    async run(ui) {
      const page = await ui.openWorkspace();
      await quickOpen(page, 'service.yaml');
      const entries = await paletteEntries(page, 'Shipshape:', TITLES.length);
      await ui.screenshot(page, 'command-palette');
      await closeQuickInput(page);
      assert.deepEqual(
        TITLES.filter((title) => !entries.includes(title)),
        [],
        `palette offered: ${entries.join(' | ')}`,
      );
    },
  },
];
