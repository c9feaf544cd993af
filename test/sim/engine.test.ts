import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';
import { EVENT_TTL_MS } from '../../server/src/sim/events';
import { Pacer } from '../../server/src/sim/pacer';
import type { ChangeBatch } from '../../server/src/sim/simulation';
import type { KObject, Pod } from '../../server/src/sim/types';
import { cluster, deployment, pods } from './helpers';

function fingerprint(c: Cluster): string {
  return JSON.stringify({ objects: c.snapshot(), events: c.events.stream });
}

function busyCluster(seed: number): Cluster {
  const c = new Cluster({ seed });
  c.apply([deployment('a', 3), deployment('b', 2, { annotations: { 'sim.shipshape.dev/crash-after': '7s' } })]);
  return c;
}

describe('engine', () => {
  it('is deterministic: same inputs and seed give the same objects and events', () => {
    const one = busyCluster(42);
    const two = busyCluster(42);
    one.runFor(120_000);
    two.runFor(120_000);
    assert.equal(fingerprint(one), fingerprint(two));
    const other = busyCluster(43);
    other.runFor(120_000);
    assert.notEqual(fingerprint(one), fingerprint(other));
  });

  it('exports and imports state exactly: a restored cluster continues like the original', () => {
    const original = busyCluster(5);
    original.runFor(30_000);
    const saved = JSON.parse(JSON.stringify(original.exportState()));
    const restored = new Cluster({ seed: 999 });
    restored.importState(saved);
    original.runFor(200_000);
    restored.runFor(200_000);
    assert.equal(fingerprint(restored), fingerprint(original));
  });

  it('assigns uid, resourceVersion from one counter, generation and creationTimestamp', () => {
    const c = cluster();
    c.apply([deployment('g', 1)]);
    const d = c.get('Deployment', 'default', 'g')!;
    assert.match(d.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(d.metadata.generation, 1);
    assert.equal(d.metadata.creationTimestamp, '2025-01-01T00:00:00Z');
    c.scale('Deployment', 'default', 'g', 2);
    const after = c.get('Deployment', 'default', 'g')!;
    assert.equal(after.metadata.generation, 2);
    const versions = c.snapshot().map((o) => Number(o.metadata.resourceVersion));
    assert.equal(new Set(versions).size, versions.length);
  });

  it('rejects an invalid object with the field path and applies the others', () => {
    const seen: unknown[] = [];
    const c = cluster({
      validator: (obj) => {
        seen.push(obj);
        const spec = (obj as KObject).spec as { replicas?: unknown } | undefined;
        return typeof spec?.replicas === 'string' ? { ok: false, message: 'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"' } : { ok: true };
      },
    });
    const bad = deployment('bad', 1);
    (bad.spec as Record<string, unknown>).replicas = 'three';
    const results = c.apply([deployment('good', 1), bad]);
    assert.deepEqual(results.map((r) => r.ok), [true, false]);
    assert.equal(results[1].message, 'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
    assert.equal(c.get('Deployment', 'default', 'bad'), undefined);
    assert.equal(seen.length, 2);
  });

  it('leaves state untouched when an update is rejected', () => {
    const c = cluster();
    c.apply([deployment('imm', 1)]);
    const before = c.get('Deployment', 'default', 'imm');
    const changed = deployment('imm', 1);
    (changed.spec as Record<string, unknown>).selector = { matchLabels: { app: 'other' } };
    const [result] = c.apply([changed]);
    assert.equal(result.ok, false);
    assert.match(result.message, /^Deployment\.apps "imm" is invalid: \[spec\.template\.metadata\.labels: Invalid value: .*, spec\.selector: Invalid value: .*field is immutable\]$/);
    assert.equal(c.get('Deployment', 'default', 'imm'), before);
  });

  it('reports apply outcomes like kubectl and keeps HPA-managed replicas on re-apply', () => {
    const c = cluster();
    const d = deployment('k', 2);
    delete (d.spec as Record<string, unknown>).replicas;
    assert.equal(c.apply([d])[0].message, 'deployment.apps/k created');
    assert.equal(c.apply([d])[0].message, 'deployment.apps/k unchanged');
    c.scale('Deployment', 'default', 'k', 4);
    assert.equal(c.apply([d])[0].message, 'deployment.apps/k unchanged');
    assert.equal((c.get('Deployment', 'default', 'k')!.spec as { replicas: number }).replicas, 4);
  });

  it('delivers batched changes to subscribers and cascades deletes to dependents', () => {
    const c = cluster();
    const batches: ChangeBatch[] = [];
    c.subscribe((b) => batches.push(b));
    c.apply([deployment('cas', 2)]);
    c.runFor(10_000);
    assert.ok(batches.length > 1);
    assert.ok(batches[0].objects.some((o) => o.type === 'ADDED' && o.object.kind === 'Deployment'));
    assert.ok(batches.some((b) => b.events.some((e) => e.reason === 'Scheduled')));
    c.delete({ kind: 'Deployment', namespace: 'default', name: 'cas' });
    assert.equal(c.list('ReplicaSet', 'default').length, 0);
    assert.ok(pods(c, 'cas').every((p: Pod) => p.metadata.deletionTimestamp));
    c.runFor(5000);
    assert.equal(pods(c, 'cas').length, 0);
  });

  it('orphans dependents with propagationPolicy Orphan; a new Deployment adopts the ReplicaSet', () => {
    const c = cluster();
    c.apply([deployment('orph', 2)]);
    c.runFor(5000);
    c.delete({ kind: 'Deployment', namespace: 'default', name: 'orph' }, { propagationPolicy: 'Orphan' });
    const [rs] = c.list('ReplicaSet', 'default');
    assert.equal(rs.metadata.ownerReferences, undefined);
    c.apply([deployment('orph', 2)]);
    assert.equal(c.list('ReplicaSet', 'default')[0].metadata.ownerReferences?.[0].kind, 'Deployment');
    assert.equal(pods(c, 'orph').length, 2);
  });

  it('paces virtual time by wall time × speed with injected timers', () => {
    const c = cluster();
    let wall = 0;
    let tick: (() => void) | undefined;
    const pacer = new Pacer(c, { setInterval: (fn) => (tick = fn), clearInterval: () => (tick = undefined), now: () => wall }, { speed: 10 });
    pacer.resume();
    wall += 500;
    tick!();
    assert.equal(c.time, 5000);
    pacer.pause();
    assert.equal(tick, undefined);
    c.apply([deployment('step', 1)]);
    assert.equal(pacer.step(), true);
    assert.ok(c.time > 5000);
  });
});

describe('queries', () => {
  it('resolves an Ingress request to the Service and its ready pods, with Exact/Prefix precedence', () => {
    const c = cluster();
    c.apply([
      deployment('shop', 2),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop' }, spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 'http' }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'exact' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'shop' },
        spec: {
          rules: [
            {
              host: '*.example.com',
              http: {
                paths: [
                  { path: '/foo', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } },
                  { path: '/foo', pathType: 'Exact', backend: { service: { name: 'exact', port: { number: 80 } } } },
                ],
              },
            },
          ],
        },
      },
    ]);
    c.runFor(20_000);
    assert.equal(c.resolveIngress('a.example.com', '/foo').service?.name, 'exact');
    const route = c.resolveIngress('a.example.com', '/foo/bar');
    assert.equal(route.service?.name, 'shop');
    assert.deepEqual(route.pods, pods(c, 'shop').map((p) => p.metadata.name).sort());
    assert.equal(c.resolveIngress('a.example.com', '/foobar').outcome, 'not-found');
    assert.equal(c.resolveIngress('b.a.example.com', '/foo').outcome, 'not-found');
  });

  it('evaluates RBAC and names the binding and rule that allowed it', () => {
    const c = cluster();
    c.apply([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'jane-reads' }, subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' } },
    ]);
    const yes = c.canI({ user: 'jane', verb: 'list', resource: 'pods', namespace: 'default' });
    assert.equal(yes.allowed, true);
    assert.equal(yes.reason, 'RBAC: allowed by RoleBinding "jane-reads/default" of Role "pod-reader" to User "jane"');
    assert.equal(yes.ruleIndex, 0);
    const logs = c.canI({ user: 'jane', verb: 'get', resource: 'pods/log', namespace: 'default' });
    assert.equal(logs.allowed, false);
    assert.equal(c.canI({ user: 'jane', verb: 'list', resource: 'pods', namespace: 'kube-system' }).reason, 'User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"');
  });
});

describe('event retention', () => {
  it('keeps every event by default and an hour of them when asked, like --event-ttl', () => {
    const c = new Cluster({ seed: 3 });
    c.apply([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', namespace: 'default', annotations: { 'sim.shipshape.dev/crash-after': '1s' } }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } }]);
    c.runFor(3 * 60 * 60_000);
    const all = c.events.stream.length;
    assert.ok(c.events.stream[0].time < 60_000);
    c.events.retainFor(EVENT_TTL_MS);
    const kept = c.events.stream;
    assert.ok(kept.length < all && kept.length > 0);
    assert.ok(kept.every((e) => e.time >= 2 * 60 * 60_000), 'only the last hour is kept');
    // The Event objects the API lists are built from what is kept: none starts before the last hour.
    const listed = c.events.toObjects();
    assert.ok(listed.length > 0);
    assert.ok(listed.every((e) => Date.parse(String(e.firstTimestamp)) - c.epoch >= 2 * 60 * 60_000));
  });
});
