/**
 * Language server goals that have no counterpart in the incumbent comparison:
 *   - a workspace of 1,000 manifest files indexed through initialize's rootUri: time from start to the
 *     first diagnostics of an opened file (diagnostics wait for the index) and the server's RSS;
 *   - hostile files opened next to a healthy one: time to their diagnostic, and the longest wait of a
 *     hover on the healthy file meanwhile.
 *
 *   node scripts/run-ts.mjs scripts/bench/serverGoals.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { appManifests } from './generate';
import { median, StdioLspClient } from './stdioClient';

const ROOT = resolve(__dirname, '..', '..');
const SERVER = [join(ROOT, 'dist', 'server.js'), '--stdio'];
const LIMIT_MS = 120_000;

const within = <T>(promise: Promise<T>, what: string): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), LIMIT_MS).unref())]);

/** 1,000 files with one resource each, in ten namespaces and nested folders. */
function workspace(dir: string, files: number): string[] {
  const written: string[] = [];
  for (let app = 0; written.length < files; app++) {
    for (const [k, doc] of appManifests(app, `team-${app % 10}`).entries()) {
      if (written.length >= files) break;
      const folder = join(dir, `team-${app % 10}`, `app-${app}`);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, `${k}.yaml`);
      writeFileSync(file, doc + '\n');
      written.push(file);
    }
  }
  return written;
}

export async function benchWorkspaceServer(files = 1000): Promise<{ firstDiagnosticsMs: number; rssMb: number; idleRssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-ws-'));
  try {
    const paths = workspace(dir, files);
    const idle = new StdioLspClient(process.execPath, SERVER);
    await idle.initialize(null);
    await new Promise((r) => setTimeout(r, 300));
    const idleRssMb = idle.rssMb();
    await idle.stop();

    const started = performance.now();
    const client = new StdioLspClient(process.execPath, SERVER);
    await client.initialize(pathToFileURL(dir).toString());
    const uri = pathToFileURL(paths[0]).toString();
    const first = within(client.nextDiagnostics(uri), 'diagnostics in the indexed workspace');
    await client.open(uri, appManifests(0, 'team-0')[0] + '\n');
    await first;
    const firstDiagnosticsMs = performance.now() - started;
    // A hover forces nothing new; it only makes sure the server is idle before RSS is read.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    const rssMb = client.rssMb();
    await client.stop();
    console.log(
      `${files}-file workspace: start → first diagnostics (after indexing) ${firstDiagnosticsMs.toFixed(0)} ms; RSS ${rssMb.toFixed(0)} MB [goal ≤ 150 MB] (idle server without a workspace: ${idleRssMb.toFixed(0)} MB)`,
    );
    return { firstDiagnosticsMs, rssMb, idleRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hostileFiles(): [string, string][] {
  const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\n';
  const names = 'abcdefghi';
  const bomb = [header + 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < names.length; i++)
    bomb.push(
      `  ${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  const filler = `# ${'x'.repeat(1022)}\n`;
  return [
    ['alias bomb (9^9 expansions)', bomb.join('\n') + '\n'],
    ['50 MB file', header + filler.repeat(50 * 1024)],
    ['10,000-deep flow nesting', `${header}data:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['10,000-deep block sequences', `${header}data:\n  x:\n    ${'- '.repeat(10_000)}x\n`],
    ['5 MB single line', `${header}data:\n  key: ${'v'.repeat(5 * 1024 * 1024)}\n`],
    ['binary data', Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
  ];
}

export async function benchHostile(): Promise<void> {
  const client = new StdioLspClient(process.execPath, SERVER);
  try {
    await client.initialize(null);
    const healthy = 'file:///bench/healthy.yaml';
    const ready = client.nextDiagnostics(healthy);
    await client.open(healthy, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n');
    await ready;
    let version = 1;
    for (const [label, text] of hostileFiles()) {
      const uri = `file:///bench/hostile-${version}.yaml`;
      const waits: number[] = [];
      let done = false;
      const probing = (async () => {
        while (!done) {
          const t = performance.now();
          await client.request('textDocument/hover', { textDocument: { uri: healthy }, position: { line: 1, character: 2 } });
          waits.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const published = within(client.nextDiagnostics(uri), `diagnostics of ${label}`);
      const t = performance.now();
      await client.open(uri, text, version++);
      const result = await published;
      const ms = performance.now() - t;
      done = true;
      await probing;
      const message = String((result.diagnostics[0] as { message?: unknown } | undefined)?.message ?? '(none)');
      console.log(
        `${label.padEnd(30)} diagnostic after ${ms.toFixed(0).padStart(5)} ms; hover on another file: max ${Math.max(...waits).toFixed(0)} ms, median ${median(waits).toFixed(1)} ms — "${message.slice(0, 90)}"`,
      );
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    console.log(`server RSS after all hostile files: ${client.rssMb().toFixed(0)} MB`);
  } finally {
    await client.stop();
  }
}

export async function benchServerGoals(): Promise<void> {
  await benchWorkspaceServer();
  await benchHostile();
}

if (process.argv[1]?.endsWith('serverGoals.cjs')) {
  benchServerGoals().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
