/**
 * `npm start [-- --reset]`: opens a working copy of examples/ (see start/workingCopy.ts) in VS Code
 * with the extension loaded from this repository. Uses the local `code` (extension development
 * mode) when there is one; otherwise code-server on 127.0.0.1 (installed by scripts/e2e/setup.sh on
 * first use), prints `Shipshape is open at <url>` once the workbench answers, and runs until Ctrl+C.
 * Assumes `npm run build` ran (the npm script does it first).
 *
 * Environment: SHIPSHAPE_WORKSPACE_DIR (default <repo>/.workspace), SHIPSHAPE_USE_CODE_SERVER=1
 * (code-server even where `code` exists), SHIPSHAPE_PORT (default 8417, or a free port when taken).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CodeServer } from './e2e/codeServer';
import { e2ePaths, type E2ePaths } from './e2e/paths';
import { prepareWorkingCopy, workingCopyPaths } from './start/workingCopy';

const DEFAULT_PORT = 8417;

/** User settings of the editor `npm start` opens, written on its first run only. */
const START_SETTINGS = {
  'workbench.startupEditor': 'readme',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  // The working copy sits inside this repository: no prompt to open the repository's git.
  'git.openRepositoryInParentFolders': 'never',
};

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) {
    console.error(`Unknown argument: ${unknown.join(' ')}\nusage: npm start [-- --reset]`);
    return 2;
  }
  const paths = e2ePaths();
  const copy = workingCopyPaths(paths.root);
  for (const line of prepareWorkingCopy(paths.root, copy, args.includes('--reset'))) console.log(line);

  if (hasCommand('code') && !process.env.SHIPSHAPE_USE_CODE_SERVER) {
    console.log('Opening it in VS Code with the extension in development mode…');
    execFileSync('code', ['--new-window', `--extensionDevelopmentPath=${paths.root}`, copy.examples], { stdio: 'inherit' });
    return 0;
  }
  installCodeServer(paths);
  const server = await CodeServer.start({
    paths,
    stateDir: copy.editorState,
    keepState: true,
    settings: START_SETTINGS,
    defaultFolder: copy.examples,
    installedExtension: paths.extension,
    testDriver: false,
    preferredPort: Number(process.env.SHIPSHAPE_PORT ?? DEFAULT_PORT),
  });
  const url = `${server.origin}/`;
  await server.waitForWorkbench(url);
  console.log(`\nShipshape is open at ${url}\n`);
  console.log(`Press Ctrl+C to stop. (code-server log: ${server.logFile})`);
  return runUntilStopped(server);
}

/** First run only: Node 24 and code-server into .e2e/ (no chromium: the user's browser is used). */
function installCodeServer(paths: E2ePaths): void {
  if (existsSync(paths.node24) && existsSync(paths.codeServerEntry)) return;
  console.log('VS Code (`code`) is not on PATH, so Shipshape opens in VS Code for the browser (code-server).');
  execFileSync('bash', [join(paths.root, 'scripts', 'e2e', 'setup.sh'), '--no-browser'], { stdio: 'inherit' });
}

/** Resolves to the exit code once Ctrl+C (or SIGTERM/SIGHUP) has stopped code-server, or it died on its own. */
function runUntilStopped(server: CodeServer): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping code-server…`);
      void server.stop().then((survivors) => {
        if (survivors.length > 0) console.error(`warning: processes still alive: ${survivors.join(', ')}`);
        else console.log('Stopped.');
        resolve(0);
      });
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
    void server.exited.then((status) => {
      if (stopping) return;
      console.error(`code-server exited unexpectedly (${status}); see ${server.logFile}`);
      resolve(1);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
