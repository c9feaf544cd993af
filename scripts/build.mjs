#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// `--production` minifies; `--watch` rebuilds on change.
import { context } from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The cluster panel's webview app: runs in the browser (the panel page loads it with a nonce).
  { entryPoints: ['client/src/webview/main.ts'], outfile: 'media/panel.js', platform: 'browser', format: 'iife', target: 'chrome114' },
];

const started = Date.now();
const contexts = await Promise.all(builds.map((b) => context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
  console.log(`bundled client, server, CLI and panel in ${Date.now() - started} ms`);
}
