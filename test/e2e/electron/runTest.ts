/**
 * Runs the extension-host suite (test/e2e/exthost) in desktop VS Code with @vscode/test-electron.
 * It downloads VS Code from the internet on first use (cached in .vscode-test/), so it is not part
 * of `npm test`; offline, use scripts/e2e/run.ts, which runs the same suite in code-server.
 *
 * Prerequisite: `npm run build`. Run: node scripts/run-ts.mjs test/e2e/electron/runTest.ts
 * Environment: SHIPSHAPE_VSCODE_VERSION (default "stable"); on Linux without a display, run it
 * under xvfb-run.
 */
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleExtensionHostSuite } from '../../../scripts/e2e/bundleSuite';
import { e2ePaths } from '../../../scripts/e2e/paths';

async function main(): Promise<number> {
  const paths = e2ePaths();
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-e2e-'));
  try {
    const workspace = join(scratch, 'workspace');
    cpSync(join(paths.root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
    const extensionTestsPath = await bundleExtensionHostSuite(paths.root, join(scratch, 'suite'));
    await runTests({
      version: process.env.SHIPSHAPE_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: paths.extension,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    console.log('electron e2e: the extension-host suite passed');
    return 0;
  } catch (error) {
    console.error(`electron e2e failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().then((code) => {
  process.exitCode = code;
});
