/**
 * Simulator benchmark: prints wall times and memory.
 *   node scripts/run-ts.mjs scripts/bench/sim.ts
 * Targets: a 1,000-replica Deployment on 10 nodes reaches all-ready in ≤ 1 s of wall time;
 * 10 simulated minutes of a 50-object app take ≤ 200 ms.
 */
import { Cluster } from '../../server/src/sim/cluster';

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: (extra.annotations as Record<string, string>) ?? {} },
        spec: {
          containers: [
            {
              name,
              image: `example/${name}:1.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
              resources: { requests: { cpu: '10m', memory: '32Mi' } },
            },
          ],
        },
      },
    },
  };
}

function bigDeployment(): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const c = new Cluster({ seed: 1, nodes: 10 });
  c.apply([deployment('big', 1000)]);
  const result = c.runUntil(
    () => (c.get('Deployment', 'default', 'big')?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 1000,
    10 * 60_000,
  );
  const wall = performance.now() - start;
  const memory = process.memoryUsage();
  console.log(
    `1,000-replica Deployment on 10 nodes: all ready=${result.ok} at virtual ${(result.time / 1000).toFixed(1)}s in ${wall.toFixed(0)} ms wall (target ≤ 1000 ms)`,
  );
  console.log(`  objects ${c.snapshot().length}, events ${c.events.stream.length}, heap +${mb(memory.heapUsed - heapBefore)}, rss ${mb(memory.rss)}`);
}

function app50(): void {
  const c = new Cluster({ seed: 2 });
  const objects: unknown[] = [];
  for (let i = 0; i < 8; i++) {
    objects.push(deployment(`svc${i}`, 3, i === 3 ? { annotations: { 'sim.shipshape.dev/crash-after': '45s' } } : {}));
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc${i}`, namespace: 'default' },
      spec: { selector: { app: `svc${i}` }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `svc${i}-config`, namespace: 'default' }, data: { mode: 'fast' } });
  }
  objects.push({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'default' },
    spec: {
      schedule: '*/2 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'example/r:1' }] } } } },
    },
  });
  const start = performance.now();
  c.apply(objects);
  c.runFor(10 * 60_000);
  const wall = performance.now() - start;
  const kinds = new Map<string, number>();
  for (const o of c.snapshot()) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  const count = objects.length + (kinds.get('ReplicaSet') ?? 0) + (kinds.get('Pod') ?? 0) + (kinds.get('EndpointSlice') ?? 0) + (kinds.get('Job') ?? 0);
  console.log(
    `10 simulated minutes of a ${count}-object app (8 Deployments × 3, Services, ConfigMaps, a CronJob): ${wall.toFixed(0)} ms wall (target ≤ 200 ms), ${c.events.stream.length} events`,
  );
}

/** Scaling a Deployment from `from` to `to` replicas until the removed pods are gone (issue 19: was quadratic). */
function scaleDown(from: number, to: number): void {
  const c = new Cluster({ seed: 1, nodes: Math.ceil(from / 100) + 1 });
  c.apply([deployment('big', from)]);
  c.runFor(120_000);
  const start = performance.now();
  c.scale('Deployment', 'default', 'big', to);
  c.runFor(120_000);
  const wall = performance.now() - start;
  console.log(
    `scale ${from.toLocaleString('en-US')} → ${to.toLocaleString('en-US')} replicas, pods gone: ${wall.toFixed(0)} ms wall, ${c.list('Pod').length} pods left, rss ${mb(process.memoryUsage().rss)}`,
  );
}

/** `replicas: 100000` on 3 nodes: bounded by the object limit and 110 pods per node. */
function hugeReplicas(): void {
  const c = new Cluster({ seed: 1 });
  const start = performance.now();
  c.apply([deployment('huge', 100_000)]);
  const wall = performance.now() - start;
  console.log(
    `replicas: 100000 applied: ${wall.toFixed(0)} ms wall, ${c.list('Pod').length} pods stored (object limit ${c.store.maxObjects}), rss ${mb(process.memoryUsage().rss)}`,
  );
}

/** A CronJob every minute for a week of virtual time, with the host's event retention: heap per day. */
function cronWeek(): void {
  const c = new Cluster({ seed: 1 });
  c.events.retainFor(60 * 60_000);
  c.apply([
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'example/r:1' }] } } } },
      },
    },
  ]);
  const heap: string[] = [];
  for (let day = 1; day <= 7; day++) {
    c.runFor(24 * 3600_000);
    (globalThis as { gc?: () => void }).gc?.();
    heap.push((process.memoryUsage().heapUsed / 1048576).toFixed(1));
  }
  console.log(
    `minutely CronJob, heap after each simulated day (MB): ${heap.join(', ')}; objects ${c.snapshot().length}, label index ${c.store.indexSizes().byLabel}`,
  );
}

/** Simulator benchmarks: a 50-object app for 10 virtual minutes, a 1,000-replica Deployment, scale-down, limits, a week of CronJob. */
export async function benchSim(): Promise<void> {
  app50();
  bigDeployment();
  scaleDown(2000, 1000);
  scaleDown(4000, 2000);
  scaleDown(10_000, 0);
  hugeReplicas();
  cronWeek();
}
