/**
 * Durability and apply bounds of the cluster host (`npm run bench -- durability [--quick | --huge-only]`):
 * - the cost of an acknowledged apply (journal record + fsync) and what a crash right after 30 applies
 *   keeps (a new host on the same folder without the old one shutting down, as after kill -9);
 * - the language server (dist/server.js over stdio) applying 5,000 ConfigMaps of one file: total time and
 *   the longest wait of a describe request sent every 20 ms meanwhile;
 * - "Apply file" on 79,192 Deployments (19 MB): time until the refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClusterHost } from '../../server/src/lsp/cluster/clusterHost';
import { Methods, type ApplyResponse } from '../../server/src/lsp/protocol';
import { configMaps, ServerProcess } from '../../test/lsp/serverProcess';

const SERVER = resolve(__dirname, '..', '..', 'dist', 'server.js');
const silent = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function crashAfterApplies(): void {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-durable-'));
  const host = new ClusterHost({ storageDir: dir, sendDelta: () => undefined, log: silent });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    host.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } }]);
    times.push(performance.now() - start);
  }
  // No dispose: the process "dies" here; a new host takes the folder over.
  const next = new ClusterHost({ storageDir: dir, sendDelta: () => undefined, log: silent });
  const restored = next.current.list('ConfigMap', 'default').filter((o) => o.metadata.name.startsWith('cm-')).length;
  console.log(
    `acknowledged apply incl. journal fsync: median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms; crash after 30 applies → ${restored}/30 restored`,
  );
  next.dispose();
  host.flush();
  rmSync(dir, { recursive: true, force: true });
}

async function bigApply(): Promise<void> {
  const server = new ServerProcess(SERVER);
  await server.initialize({});
  const uri = 'file:///bench/many.yaml';
  await server.open(uri, configMaps(5000));
  await server.request(Methods.snapshot, {});
  const waits: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      const sent = performance.now();
      await server.request(Methods.describe, { kind: 'Node', name: 'node-1' });
      waits.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = performance.now();
  const response = await server.apply(uri);
  const total = performance.now() - start;
  running = false;
  await pinger;
  console.log(
    `apply of 5,000 ConfigMaps over stdio: ${response.results.length} results in ${(total / 1000).toFixed(2)} s; describe meanwhile: ${waits.length} answered, median ${median(waits).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`,
  );
  await server.shutdown();
}

async function hugeApply(): Promise<void> {
  const server = new ServerProcess(SERVER);
  await server.initialize({});
  const uri = 'file:///bench/huge.yaml';
  const doc = (i: number): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d-${i}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: d-${i}}\n  template:\n    metadata:\n      labels: {app: d-${i}}\n    spec:\n      containers: [{name: app, image: 'nginx:1.27'}]\n`;
  const text = Array.from({ length: 79_192 }, (_, i) => doc(i)).join('---\n');
  const start = performance.now();
  await server.open(uri, text);
  const sent = performance.now();
  let outcome: string;
  try {
    const response = await server.request<ApplyResponse>(Methods.apply, { uri });
    outcome = `answered ok=${response.ok}`;
  } catch (err) {
    outcome = `refused: ${(err as Error).message}`;
  }
  const end = performance.now();
  console.log(
    `"Apply file" on 79,192 Deployments (${(text.length / 1048576).toFixed(1)} MB): ${outcome} ${((end - sent) / 1000).toFixed(2)} s after the request (${((end - start) / 1000).toFixed(1)} s after didOpen)`,
  );
  await server.shutdown();
}

export async function benchDurability(): Promise<void> {
  if (!process.argv.includes('--huge-only')) {
    crashAfterApplies();
    await bigApply();
  }
  if (!process.argv.includes('--quick')) await hugeApply();
}
