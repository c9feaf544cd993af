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

/** Simulator benchmarks: a 50-object app for 10 virtual minutes, and a 1,000-replica Deployment. */
export async function benchSim(): Promise<void> {
  app50();
  bigDeployment();
}
