/**
 * `npm start`: opens the examples/ workspace in VS Code with the extension loaded from this repository.
 * Uses the local `code` (extension development mode) when there is one; otherwise code-server on
 * 127.0.0.1 (installed by scripts/e2e/setup.sh on first use), and prints the URL to open.
 * Assumes `npm run build` ran (the npm script does it first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CodeServer } from './e2e/codeServer';
import { e2ePaths, missingTools } from './e2e/paths';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const paths = e2ePaths();
  const examples = join(paths.root, 'examples');
  if (hasCommand('code') && !process.env.SHIPSHAPE_USE_CODE_SERVER) {
    console.log(`Opening ${examples} in VS Code with the extension in development mode…`);
    execFileSync('code', ['--new-window', `--extensionDevelopmentPath=${paths.root}`, examples], { stdio: 'inherit' });
    return;
  }
  if (missingTools(paths).some((p) => !p.includes('npm run build'))) {
    console.log('VS Code (`code`) is not on PATH: installing code-server for the browser (first run only)…');
    execFileSync('bash', [join(paths.root, 'scripts', 'e2e', 'setup.sh')], { stdio: 'inherit' });
  }
  const server = await CodeServer.start({ paths, stateDir: join(paths.e2eDir, 'start') });
  const url = server.workbenchUrl({ folder: examples, extensionDevelopmentPath: paths.extension });
  console.log(`\ncode-server is running with Shipshape and the examples workspace:\n\n  ${url}\n\nOpen that URL in a browser. Press Ctrl+C to stop.`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
