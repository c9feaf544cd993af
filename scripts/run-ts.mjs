#!/usr/bin/env node
// Runs a TypeScript script of this repository: bundles it with esbuild into .cache and executes it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'scripts-bundled');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.cjs'));
await build({ entryPoints: [resolve(entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, sourcemap: 'inline', logLevel: 'warning', external: ['vscode', 'playwright-core', 'yaml-language-server'] });
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
