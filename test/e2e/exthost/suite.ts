/**
 * Extension-host test suite. VS Code loads this module (`extensionTestsPath`) in the extension
 * host of a window that runs the extension unpackaged, calls `run()`, and exits with 0 if it
 * resolves and 1 if it rejects.
 *
 * Runners: scripts/e2e/run.ts (code-server, offline) and test/e2e/electron/runTest.ts
 * (@vscode/test-electron; downloads VS Code). If SHIPSHAPE_E2E_RESULTS names a file, the outcome
 * of each test is written there as JSON; SHIPSHAPE_E2E_GREP selects tests by name.
 */
import { writeFileSync } from 'node:fs';
import { formatOutcome, runTests, selectTests } from '../harness';
import { clusterTests } from './clusterTests';
import { extensionTests } from './extensionTests';

export async function run(): Promise<void> {
  const outcomes = await runTests('extension host', selectTests([...extensionTests, ...clusterTests]), undefined, (outcome) => console.log(formatOutcome(outcome)));
  const resultsFile = process.env.SHIPSHAPE_E2E_RESULTS;
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(outcomes, null, 2));
  const failed = outcomes.filter((o) => !o.passed).length;
  if (failed > 0) throw new Error(`${failed} of ${outcomes.length} extension-host tests failed`);
}
