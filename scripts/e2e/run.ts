/**
 * End-to-end tests in a real VS Code (code-server, offline) driven by chromium:
 *   1. the extension-host suite (test/e2e/exthost) runs inside the extension host;
 *   2. the UI suite (test/e2e/ui) drives the workbench with playwright-core;
 *   3. the `npm start` suite (test/e2e/start) runs `npm start` as a user does and stops it with Ctrl+C.
 * Prints `N passed, N failed`, exits non-zero on failure, and always stops code-server.
 *
 * Prerequisites: `bash scripts/e2e/setup.sh` (installs chromium, Node 24, code-server) and
 * `npm run build` (dist/client.js, dist/server.js). Run: node scripts/run-ts.mjs scripts/e2e/run.ts
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { formatOutcome, runTests, selectTests, withTimeout, type TestOutcome } from '../../test/e2e/harness';

/** How often a UI test may run before it counts as failed. */
const UI_ATTEMPTS = 2;
import { launchBrowser, newPage } from '../../test/e2e/ui/browser';
import { createUiContext } from '../../test/e2e/ui/context';
import { uiTests } from '../../test/e2e/ui/index';
import { startTests } from '../../test/e2e/start/start.tests';
import { bundleExtensionHostSuite } from './bundleSuite';
import { CodeServer } from './codeServer';
import { e2ePaths, isolatedEnv, missingTools, type E2ePaths } from './paths';

const EXTHOST_SUITE_TIMEOUT_MS = 120_000;
const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string): void => console.log(`[e2e ${elapsed()}] ${message}`);

async function main(): Promise<number> {
  const paths = e2ePaths();
  const missing = missingTools(paths);
  if (missing.length > 0) {
    console.error(`End-to-end tests cannot run:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    return 1;
  }
  rmSync(paths.resultsDir, { recursive: true, force: true });
  mkdirSync(paths.resultsDir, { recursive: true });
  const stateDir = join(paths.e2eDir, 'run');
  const suitePath = await bundleExtensionHostSuite(paths.root, join(paths.root, 'out', 'e2e'));
  const resultsFile = join(paths.resultsDir, 'exthost-results.json');

  // The extension-host suite reads the saved simulated cluster under the user data folder.
  const server = await CodeServer.start({ paths, stateDir, env: { SHIPSHAPE_E2E_RESULTS: resultsFile, SHIPSHAPE_E2E_USER_DATA: join(stateDir, 'user-data') } });
  stopOnSignal(server);
  log(`code-server ready on port ${server.port} (log: ${server.logFile})`);
  let browser: Browser | undefined;
  const outcomes: TestOutcome[] = [];
  try {
    browser = await launchBrowser(paths.chromium, isolatedEnv(paths));
    outcomes.push(...(await runExtensionHostSuite(paths, server, browser, suitePath, resultsFile, join(stateDir, 'workspaces'))));
    log('extension-host suite done');

    const ui = createUiContext({
      browser,
      server,
      repoRoot: paths.root,
      extension: paths.extension,
      workDir: join(stateDir, 'workspaces', 'ui'),
      screenshotDir: join(paths.resultsDir, 'screenshots'),
    });
    for (const test of selectTests(uiTests)) {
      // A browser driving a workbench has timing noise no test can fully rule out: a UI test that fails
      // gets one more attempt in a fresh window, and the log says so (a real bug fails both times).
      let outcome: TestOutcome | undefined;
      for (let attempt = 1; attempt <= UI_ATTEMPTS && !outcome?.passed; attempt++) {
        [outcome] = await runTests('ui', [test], ui);
        if (!outcome.passed) {
          const shot = await ui.captureLastPage(`FAILED-${slug(outcome.name)}${attempt > 1 ? `-attempt-${attempt}` : ''}`);
          if (shot) outcome.error += `\nscreenshot: ${shot}`;
          if (attempt < UI_ATTEMPTS) log(`${formatOutcome(outcome)}\n       (trying once more)`);
        } else if (attempt > 1) {
          outcome.name += ` (passed on attempt ${attempt})`;
        }
      }
      log(formatOutcome(outcome!));
      outcomes.push(outcome!);
    }
    await ui.close();

    // `npm start` runs its own code-server: stop this one first.
    await server.stop();
    const startContext = { root: paths.root, browser, workDir: join(stateDir, 'start'), screenshotDir: join(paths.resultsDir, 'screenshots') };
    outcomes.push(...(await runTests('npm start', selectTests(startTests), startContext, (outcome) => log(formatOutcome(outcome)))));
  } finally {
    await browser?.close();
    const survivors = await server.stop();
    if (survivors.length > 0) console.error(`warning: processes still alive after stopping code-server: ${survivors.join(', ')}`);
    log('code-server stopped');
  }

  const failed = outcomes.filter((o) => !o.passed);
  for (const outcome of failed) console.log(formatOutcome(outcome));
  if (failed.length > 0) {
    console.log(
      `Logs: ${server.logFile}; extension host and "Shipshape" output: ${join(stateDir, 'user-data', 'logs')}; screenshots: ${join(paths.resultsDir, 'screenshots')}`,
    );
  }
  console.log(`e2e: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 || outcomes.length === 0 ? 1 : 0;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Ctrl+C or a CI timeout must not leave code-server and its extension hosts behind. */
function stopOnSignal(server: CodeServer): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`e2e: ${signal}, stopping code-server`);
      void server.stop().finally(() => process.exit(130));
    });
  }
}

/** Opens a window whose extension host runs the suite; its exit code arrives through the smoke-test driver hook. */
async function runExtensionHostSuite(
  paths: E2ePaths,
  server: CodeServer,
  browser: Browser,
  suitePath: string,
  resultsFile: string,
  workDir: string,
): Promise<TestOutcome[]> {
  const folder = join(workDir, 'exthost');
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(paths.root, 'test', 'e2e', 'fixtures', 'workspace'), folder, { recursive: true });

  const { context, page } = await newPage(browser);
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  const exitCode = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  const suiteStarted = Date.now();
  let code: number;
  try {
    await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPath: paths.extension, extensionTestsPath: suitePath }));
    code = await withTimeout(exitCode, EXTHOST_SUITE_TIMEOUT_MS, 'The extension-host suite did not finish');
  } catch (error) {
    code = -1;
    consoleLines.push(String(error));
  } finally {
    writeFileSync(join(paths.resultsDir, 'exthost-console.log'), consoleLines.join('\n'));
    await context.close();
  }

  if (!existsSync(resultsFile)) {
    const error = `The suite reported no results (exit code ${code}); see ${join(paths.resultsDir, 'exthost-console.log')} and ${server.logFile}`;
    return [{ suite: 'extension host', name: 'suite', passed: false, durationMs: Date.now() - suiteStarted, error }];
  }
  const outcomes = JSON.parse(readFileSync(resultsFile, 'utf8')) as TestOutcome[];
  for (const outcome of outcomes) log(formatOutcome(outcome));
  if (code !== 0 && outcomes.every((o) => o.passed)) {
    outcomes.push({ suite: 'extension host', name: 'suite exit code', passed: false, durationMs: 0, error: `exit code ${code}` });
  }
  return outcomes;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log('e2e: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
