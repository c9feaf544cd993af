import * as assert from 'node:assert/strict';
import type { E2eTest } from '../harness';
import type { UiContext } from './context';
import { openProblems, quickOpen, waitForProblem } from './workbench';

export const diagnosticsUiTests: E2eTest<UiContext>[] = [
  {
    name: 'problems of a broken Deployment appear in the Problems panel with source "shipshape"',
    timeoutMs: 45_000,
    async run(ui) {
      const page = await ui.openWorkspace();
      await quickOpen(page, 'broken-deployment.yaml');
      await openProblems(page);
      // Line and column are 1-based as VS Code shows them: `lables` at 6:3 and the value "3" at 9:13.
      const lables = await waitForProblem(page, 'shipshape', '[Ln 6, Col 3]');
      const replicas = await waitForProblem(page, 'shipshape', '[Ln 9, Col 13]');
      await ui.screenshot(page, 'problems-broken-deployment');
      assert.match(lables, /lables/, `the problem at "lables" does not name the field: ${lables}`);
      assert.match(replicas, /integer/, `the problem at "replicas" does not say that an integer is expected: ${replicas}`);
    },
  },
];
