/**
 * Recorded cluster states for the panel's tests and benchmark, built with the simulator directly:
 * the examples applied to a fresh cluster, run for a while, captured as a protocol snapshot, and the
 * engine's change batches converted to protocol deltas.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ClusterDelta, ClusterEvent, ClusterSnapshot, KubeObject } from '../../server/src/lsp/protocol';
import { Cluster } from '../../server/src/sim/cluster';
import type { SimEvent } from '../../server/src/sim/events';
import type { ChangeBatch } from '../../server/src/sim/simulation';

/** The repository root, from compiled tests (out/test/panel) and bundled scripts (out/scripts-bundled) alike. */
export const REPO = findRepo(__dirname);

function findRepo(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'examples', 'shop'))) return dir;
  throw new Error(`no repository above ${start}`);
}

export function example(path: string): string {
  return readFileSync(join(REPO, 'examples', path), 'utf8');
}

export function toEvent(e: SimEvent): ClusterEvent {
  const o = e.involvedObject;
  return {
    time: e.time,
    type: e.type,
    reason: e.reason,
    message: e.message,
    source: e.source,
    count: e.count,
    involvedObject: { kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
  };
}

export function snapshotOf(cluster: Cluster, clock: { paused?: boolean; speed?: number } = {}): ClusterSnapshot {
  return {
    objects: JSON.parse(JSON.stringify(cluster.snapshot())) as KubeObject[],
    events: cluster.events.stream.map(toEvent),
    clock: { time: cluster.time, epoch: cluster.epoch, paused: clock.paused ?? false, speed: clock.speed ?? 1 },
  };
}

export function deltaOf(batch: ChangeBatch, cluster: Cluster): ClusterDelta {
  const delta: ClusterDelta = {
    upserts: [],
    deletes: [],
    events: batch.events.map(toEvent),
    clock: { time: batch.time, epoch: cluster.epoch, paused: false, speed: 1 },
  };
  for (const { type, object } of batch.objects) {
    const copy = JSON.parse(JSON.stringify(object)) as KubeObject;
    if (type === 'DELETED')
      delta.deletes.push({
        kind: copy.kind,
        name: copy.metadata.name,
        uid: copy.metadata.uid,
        ...(copy.metadata.namespace ? { namespace: copy.metadata.namespace } : {}),
      });
    else delta.upserts.push(copy);
  }
  return delta;
}

/** Runs `fn` against the cluster and returns the deltas it produced, one per virtual instant. */
export function recordDeltas(cluster: Cluster, fn: () => void): ClusterDelta[] {
  const deltas: ClusterDelta[] = [];
  const unsubscribe = cluster.subscribe((batch) => deltas.push(deltaOf(batch, cluster)));
  try {
    fn();
  } finally {
    unsubscribe();
  }
  return deltas;
}

/** Extra objects with broken links and failing pods, on top of the shop example. */
const TROUBLE = `apiVersion: v1
kind: Service
metadata:
  name: orphan
  namespace: shop
spec:
  selector:
    app: nothing-has-this-label
  ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: stale-ingress
  namespace: shop
spec:
  rules:
    - host: old.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: removed-service
                port:
                  number: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
      annotations:
        sim.shipshape.dev/crash-after: 5s
    spec:
      containers:
        - name: worker
          image: example/worker:1.0.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
      annotations:
        sim.shipshape.dev/image-pull: fail
    spec:
      containers:
        - name: web
          image: example/frontend:9.9.9
`;

/** Applies the shop example (Deployment, Service, Ingress, HPA), batch jobs, RBAC, plus broken links and failing pods. */
export function applyShop(cluster: Cluster): void {
  for (const file of [
    'shop/namespace.yaml',
    'shop/config.yaml',
    'shop/api.yaml',
    'shop/ingress.yaml',
    'shop/autoscaling.yaml',
    'batch/jobs.yaml',
    'rbac/pod-reader.yaml',
  ]) {
    const results = cluster.applyText(example(file), file);
    const refused = results.filter((r) => !r.ok);
    if (refused.length > 0) throw new Error(`${file}: ${refused.map((r) => r.message).join('; ')}`);
  }
  cluster.applyText(TROUBLE, 'trouble.yaml');
}

export function shopCluster(options: { runMs?: number; seed?: number } = {}): Cluster {
  const cluster = new Cluster({ seed: options.seed ?? 3 });
  applyShop(cluster);
  cluster.runFor(options.runMs ?? 60_000);
  return cluster;
}

/** `pods` pods spread over `deployments` Deployments (10m CPU, 32Mi each). */
export function largeDeployments(pods: number, deployments: number): Record<string, unknown>[] {
  const per = Math.ceil(pods / deployments);
  return Array.from({ length: deployments }, (_, i) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'default' },
    spec: {
      replicas: Math.min(per, pods - i * per),
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: { containers: [{ name: 'app', image: `example/app-${i}:1.0`, resources: { requests: { cpu: '10m', memory: '32Mi' } } }] },
      },
    },
  }));
}

/** A cluster with `pods` pods spread over `deployments` Deployments on `nodes` nodes, all running. */
export function largeCluster(pods: number, deployments = 20, nodes = 10): Cluster {
  const cluster = new Cluster({ seed: 5, nodes });
  cluster.apply(largeDeployments(pods, deployments));
  cluster.runFor(120_000);
  return cluster;
}
