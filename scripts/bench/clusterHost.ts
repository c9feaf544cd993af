/**
 * The language server's cluster host under load: a 1,000-replica Deployment on 10 nodes, driven by the
 * real-time clock at 20× and at full speed, with deltas batched for the panel.
 *   node scripts/run-ts.mjs scripts/bench/clusterHost.ts
 * Prints: deltas per second, their size, the event loop's worst delay (how long a request or an edit
 * could wait), and the time to save and restore the cluster. Goals: event-loop delay p99 ≤ 50 ms,
 * at most 10 deltas per second.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ClusterHost } from '../../server/src/lsp/cluster/clusterHost';
import type { ClusterDelta } from '../../server/src/lsp/protocol';

const silent = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

function deployment(replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'big', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'big' } },
      template: {
        metadata: { labels: { app: 'big' } },
        spec: {
          containers: [
            {
              name: 'big',
              image: 'example/big:1.0',
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 10 },
              resources: { requests: { cpu: '10m', memory: '32Mi' } },
            },
          ],
        },
      },
    },
  };
}

async function run(speed: number, wallMs: number): Promise<void> {
  const deltas: { at: number; bytes: number; upserts: number }[] = [];
  const storageDir = join(tmpdir(), `shipshape-bench-${process.pid}-${speed}`);
  const host = new ClusterHost({
    storageDir,
    sendDelta: (delta: ClusterDelta) => deltas.push({ at: performance.now(), bytes: JSON.stringify(delta).length, upserts: delta.upserts.length }),
    log: silent,
    engine: { seed: 1, nodes: 10 },
  });
  host.action({ type: 'setSpeed', speed });
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const start = performance.now();
  host.apply([deployment(1000)]);
  await delay(wallMs);
  lag.disable();
  const ready = (host.current.get('Deployment', 'default', 'big')?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  const sent = deltas.filter((d) => d.at >= start);
  const bytes = sent.reduce((s, d) => s + d.bytes, 0);
  const seconds = wallMs / 1000;
  console.log(
    `speed ${speed === 0 ? 'max' : `${speed}×`}: ${ready}/1000 ready after ${seconds}s wall (virtual ${(host.current.time / 1000).toFixed(0)}s); ` +
      `${(sent.length / seconds).toFixed(1)} deltas/s, ${(bytes / sent.length / 1024).toFixed(0)} KB avg, ${(Math.max(...sent.map((d) => d.bytes)) / 1048576).toFixed(1)} MB max, ` +
      `${Math.max(...sent.map((d) => d.upserts))} upserts max; event-loop delay p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`,
  );
  // What a save blocks the event loop for: exporting and serializing the state (the write is asynchronous).
  const saveStart = performance.now();
  const size = JSON.stringify(host.current.exportState()).length;
  const saved = performance.now() - saveStart;
  host.dispose();
  const restoreStart = performance.now();
  const restored = new ClusterHost({ storageDir, sendDelta: () => undefined, log: silent, engine: { seed: 1, nodes: 10 } });
  const restoreMs = performance.now() - restoreStart;
  console.log(
    `  save: export + serialize ${saved.toFixed(0)} ms (${(size / 1048576).toFixed(1)} MB); restore ${restoreMs.toFixed(0)} ms (${restored.current.snapshot().length} objects)`,
  );
  restored.dispose();
  rmSync(storageDir, { recursive: true, force: true });
}

export async function benchClusterHost(): Promise<void> {
  await run(20, 3000);
  await run(0, 3000);
}

if (require.main === module || process.argv[1]?.endsWith('clusterHost.cjs')) void benchClusterHost();
