import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';
import type { ReplicaSet } from '../../server/src/sim/controllers/replicaset';
import type { Pod } from '../../server/src/sim/types';
import { deployment, eventsOf, pods } from './helpers';

/** Counts the reconciles each controller runs (wraps the registered controllers' reconcile). */
function countReconciles(c: Cluster): Map<string, number> {
  const counts = new Map<string, number>();
  const controllers = (c as unknown as { controllers: Map<string, { reconcile?: (key: string) => void }> }).controllers;
  for (const [name, controller] of controllers) {
    const reconcile = controller.reconcile?.bind(controller);
    if (reconcile) {
      controller.reconcile = (key: string) => {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        reconcile(key);
      };
    }
  }
  return counts;
}

function replicaSetOf(c: Cluster, app: string): ReplicaSet {
  const rs = c.list<ReplicaSet>('ReplicaSet', 'default').find((r) => r.metadata.labels?.app === app);
  assert.ok(rs, `a ReplicaSet for ${app}`);
  return rs;
}

describe('bounded simulator work', () => {
  it('scales 1,500 replicas down to 0 with a handful of ReplicaSet syncs, not one per pod', () => {
    const c = new Cluster({ seed: 3, nodes: 15 });
    c.apply([deployment('big', 1500)]);
    c.runFor(60_000);
    assert.equal(pods(c, 'big').filter((p) => p.status.phase === 'Running').length, 1500);
    const counts = countReconciles(c);
    c.scale('Deployment', 'default', 'big', 0);
    c.runFor(120_000);
    assert.equal(pods(c, 'big').length, 0);
    assert.equal(eventsOf(c, 'SuccessfulDelete').length, 1500);
    // Three bursts of 500 deletions, plus status writes: before the fix every one of the 1,500 pod
    // removals synced the ReplicaSet over all its pods (quadratic).
    const syncs = counts.get('replicaset') ?? 0;
    assert.ok(syncs <= 20, `${syncs} ReplicaSet syncs`);
  });

  it('creates pods in slow-start bursts of at most 500 per sync', () => {
    const c = new Cluster({ seed: 3, nodes: 10 });
    const counts = countReconciles(c);
    c.apply([deployment('web', 1200)]);
    assert.equal(pods(c, 'web').length, 1200);
    const syncs = counts.get('replicaset') ?? 0;
    assert.ok(syncs >= 3 && syncs <= 8, `${syncs} ReplicaSet syncs for 1,200 pods`);
  });

  it('refuses creates beyond the per-cluster object limit; the ReplicaSet records FailedCreate and retries later', () => {
    const c = new Cluster({ seed: 3, nodes: 3, maxObjects: 200 });
    const before = c.snapshot().length;
    c.apply([deployment('huge', 100_000)]);
    const created = pods(c, 'huge').length;
    assert.equal(c.snapshot().length, 200);
    assert.equal(created, 200 - before - 2); // the Deployment and its ReplicaSet are objects too
    // The slow-start batch that hit the limit fails as a whole (its creates run in parallel upstream);
    // no further batch is started.
    const failures = eventsOf(c, 'FailedCreate');
    assert.ok(failures.length >= 1 && failures.length < 200, `${failures.length} FailedCreate events`);
    for (const message of failures)
      assert.match(
        message,
        /^Error creating: pods "huge-[a-z0-9]+-" is forbidden: exceeded object limit: the simulated cluster holds 200 objects, its maximum is 200; delete objects to make room$/,
      );
    const rs = replicaSetOf(c, 'huge');
    assert.equal(rs.status?.conditions?.find((x) => x.type === 'ReplicaFailure')?.reason, 'FailedCreate');
    // The refused sync is retried after a back-off (one create per retry), not in a busy loop.
    c.runFor(60_000);
    const retries = eventsOf(c, 'FailedCreate').length - failures.length;
    assert.ok(retries >= 3 && retries <= 40, `${retries} retries in a minute`);
    // Room made elsewhere is used by the retry.
    c.apply([deployment('huge', 20)]);
    c.runFor(60_000);
    assert.equal(pods(c, 'huge').filter((p) => !p.metadata.deletionTimestamp).length, 20);
    assert.equal(
      replicaSetOf(c, 'huge').status?.conditions?.find((x) => x.type === 'ReplicaFailure'),
      undefined,
    );
  });

  it('schedules at most 110 pods per node (kubelet max pods); the rest stay Pending as Too many pods', () => {
    const c = new Cluster({ seed: 3, nodes: 2 });
    c.apply([deployment('many', 300)]);
    c.runFor(30_000);
    const perNode = new Map<string, number>();
    for (const pod of pods(c, 'many')) if (pod.spec.nodeName) perNode.set(pod.spec.nodeName, (perNode.get(pod.spec.nodeName) ?? 0) + 1);
    // Bootstrap pods (if any) share the 110 slots; no node exceeds them.
    for (const [node, count] of perNode) assert.ok(count <= 110, `${node}: ${count} pods`);
    const pending = pods(c, 'many').filter((p: Pod) => !p.spec.nodeName);
    assert.ok(pending.length >= 300 - 220);
    assert.ok(eventsOf(c, 'FailedScheduling').some((m) => m.includes('Too many pods')));
  });

  it('a step budget splits a big reconcile into bounded calls with the same outcome', () => {
    const unbounded = new Cluster({ seed: 9, nodes: 10 });
    unbounded.apply([deployment('web', 1000)]);
    const bounded = new Cluster({ seed: 9, nodes: 10 });
    bounded.setStepBudget({ maxSteps: 50 });
    bounded.apply([deployment('web', 1000)]);
    assert.ok(bounded.hasPendingWork, 'the first call stopped early');
    let calls = 1;
    while (!bounded.settle()) calls++;
    assert.ok(calls > 10, `${calls} calls`);
    assert.equal(bounded.hasPendingWork, false);
    const names = (c: Cluster): string[] =>
      pods(c, 'web')
        .map((p) => p.metadata.name)
        .sort();
    assert.deepEqual(names(bounded), names(unbounded));
    // Time advances in bounded calls too: runFor reports when it stopped before its target.
    let advanced = bounded.runFor(60_000);
    let rounds = 1;
    while (!advanced) {
      advanced = bounded.runFor(60_000 - bounded.time + unbounded.time);
      rounds++;
    }
    unbounded.runFor(60_000);
    assert.ok(rounds > 1);
    assert.equal(bounded.time, unbounded.time);
    assert.equal(JSON.stringify(bounded.snapshot()), JSON.stringify(unbounded.snapshot()));
  });

  it('a shouldYield callback ends a call after the current step', () => {
    const c = new Cluster({ seed: 9, nodes: 10 });
    let asked = 0;
    c.setStepBudget({ maxSteps: 1_000_000, shouldYield: () => ++asked >= 5 });
    c.apply([deployment('web', 600)]);
    assert.equal(asked, 5);
    assert.ok(c.hasPendingWork);
    c.setStepBudget(undefined);
    c.settle();
    assert.equal(pods(c, 'web').length, 600);
  });
});
