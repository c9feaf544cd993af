/**
 * Benchmarks of the validation engine: CLI throughput on a generated 5,000-resource corpus and the
 * language server's open→diagnostics and edit→diagnostics times on a 200-resource file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { manifestText } from './generate';
import { median, StdioLspClient } from './stdioClient';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');

export async function benchCli(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
  try {
    const perFile = 50;
    const total = 5000;
    mkdirSync(join(dir, 'corpus'));
    let written = 0;
    for (let f = 0; written < total; f++) {
      const { text, count } = manifestText(Math.min(perFile, total - written), `ns-${f % 10}`);
      writeFileSync(join(dir, 'corpus', `file-${f}.yaml`), text.replace(/app-(\d+)/g, `app-${f}-$1`));
      written += count;
    }
    const started = performance.now();
    const out = execFileSync(process.execPath, [CLI, 'check', 'corpus', '--format', 'json'], { cwd: dir, maxBuffer: 1 << 28 }).toString();
    const ms = performance.now() - started;
    const summary = (JSON.parse(out) as { summary: { resources: number; errors: number; warnings: number } }).summary;
    console.log(`CLI check: ${summary.resources} resources in ${(ms / 1000).toFixed(2)} s (process start included) = ${Math.round(summary.resources / (ms / 1000))} resources/s  [goal ≥ 5000/s]  (${summary.errors} errors, ${summary.warnings} warnings)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchServer(): Promise<void> {
  const { text, count } = manifestText(200);
  const lines = text.split('\n').length;
  const uri = 'file:///bench/app-200.yaml';
  const client = new StdioLspClient(process.execPath, [SERVER, '--stdio']);
  const coldStart = performance.now();
  await client.initialize(null);
  const first = client.nextDiagnostics(uri);
  const openStart = performance.now();
  await client.open(uri, text);
  await first;
  const openMs = performance.now() - openStart;
  const coldMs = performance.now() - coldStart;
  const edits: number[] = [];
  for (let v = 2; v < 32; v++) {
    const edited = text.replace('LOG_LEVEL: info', `LOG_LEVEL: level-${v}`);
    const next = client.nextDiagnostics(uri);
    const t = performance.now();
    await client.change(uri, v, edited);
    await next;
    edits.push(performance.now() - t);
  }
  console.log(`server: ${count} resources / ${lines} lines — cold start→first diagnostics ${coldMs.toFixed(0)} ms [goal ≤ 400], open→diagnostics ${openMs.toFixed(1)} ms, median edit→diagnostics ${median(edits).toFixed(1)} ms [goal ≤ 30], RSS ${client.rssMb().toFixed(0)} MB`);
  await client.stop();
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
