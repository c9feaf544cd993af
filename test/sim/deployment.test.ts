import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxSurge, maxUnavailable } from '../../server/src/sim/controllers/deployment/fenceposts';
import type { Deployment } from '../../server/src/sim/controllers/deployment/types';
import { applyDefaults } from '../../server/src/sim/store/defaults';
import type { Pod } from '../../server/src/sim/types';
import { isPodReady } from '../../server/src/sim/util/pods';
import { cluster, deployment, eventsOf, pods } from './helpers';

function defaulted(replicas: number, rollingUpdate?: Record<string, unknown>): Deployment {
  const d = deployment('x', replicas, rollingUpdate ? { strategy: { type: 'RollingUpdate', rollingUpdate } } : {}) as unknown as Deployment;
  applyDefaults(d);
  return d;
}

describe('deployment fenceposts (25% defaults)', () => {
  for (const [replicas, surge, unavailable] of [
    [1, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
  ]) {
    it(`replicas ${replicas} → surge ${surge}, unavailable ${unavailable}`, () => {
      const d = defaulted(replicas);
      assert.equal(maxSurge(d), surge);
      assert.equal(maxUnavailable(d), unavailable);
    });
  }
  it('rounding both to 0 makes maxUnavailable 1', () => {
    assert.equal(maxUnavailable(defaulted(3, { maxSurge: 0, maxUnavailable: '10%' })), 1);
  });
});

describe('rolling update', () => {
  it('scales 3 replicas with maxSurge 1 / maxUnavailable 0 in the real order, never below 3 ready', () => {
    const c = cluster();
    c.apply([deployment('api', 3, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } })]);
    assert.ok(c.runUntil(() => c.get<Deployment>('Deployment', 'default', 'api')?.status?.availableReplicas === 3, 60_000).ok);
    const oldRs = c.list('ReplicaSet', 'default')[0].metadata.name;
    let minReady = Infinity;
    let maxPods = 0;
    c.onObjectChange((change) => {
      if (change.object.kind !== 'Pod') return;
      const live = pods(c, 'api').filter((p) => !p.metadata.deletionTimestamp);
      minReady = Math.min(minReady, live.filter(isPodReady).length);
      maxPods = Math.max(maxPods, live.length);
    });
    const before = eventsOf(c, 'ScalingReplicaSet').length;
    c.setImage('Deployment', 'default', 'api', 'api', 'example/api:2.0.0');
    c.runFor(120_000);
    const newRs = c.list('ReplicaSet', 'default').find((rs) => rs.metadata.name !== oldRs)!.metadata.name;
    assert.deepEqual(eventsOf(c, 'ScalingReplicaSet').slice(before), [
      `Scaled up replica set ${newRs} from 0 to 1`,
      `Scaled down replica set ${oldRs} from 3 to 2`,
      `Scaled up replica set ${newRs} from 1 to 2`,
      `Scaled down replica set ${oldRs} from 2 to 1`,
      `Scaled up replica set ${newRs} from 2 to 3`,
      `Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
    assert.equal(minReady, 3);
    assert.equal(maxPods, 4);
    const d = c.get<Deployment>('Deployment', 'default', 'api')!;
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.deepEqual(
      d.status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message]),
      [
        ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
        ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRs}" has successfully progressed.`],
      ],
    );
  });

  it('creates the first ReplicaSet at full size with a pod-template-hash name and label', () => {
    const c = cluster();
    c.apply([deployment('web', 4)]);
    const [rs] = c.list('ReplicaSet', 'default');
    const hash = rs.metadata.labels?.['pod-template-hash'];
    assert.match(hash ?? '', /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.deepEqual(eventsOf(c, 'ScalingReplicaSet'), [`Scaled up replica set web-${hash} from 0 to 4`]);
    for (const p of pods(c, 'web')) assert.match(p.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '4');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '5');
  });

  it('Recreate scales the old ReplicaSet to 0 and waits for its pods to be gone', () => {
    const c = cluster();
    c.apply([deployment('rc', 2, { strategy: { type: 'Recreate' } })]);
    c.runFor(30_000);
    c.setImage('Deployment', 'default', 'rc', 'rc', 'example/rc:2.0.0');
    let overlap = false;
    c.onObjectChange(() => {
      const images = new Set(pods(c, 'rc').map((p: Pod) => p.spec.containers[0].image));
      if (images.size > 1) overlap = true;
    });
    c.runFor(60_000);
    assert.equal(overlap, false);
    const scaling = eventsOf(c, 'ScalingReplicaSet');
    assert.match(scaling[1], /^Scaled down replica set rc-\w+ from 2 to 0$/);
    assert.match(scaling[2], /^Scaled up replica set rc-\w+ from 0 to 2$/);
  });

  it('rollback renumbers the old ReplicaSet and records the revision history', () => {
    const c = cluster();
    c.apply([deployment('rb', 1)]);
    c.runFor(10_000);
    c.setImage('Deployment', 'default', 'rb', 'rb', 'example/rb:2.0.0');
    c.runFor(30_000);
    assert.equal(c.rolloutUndo('default', 'rb', 1), 'deployment.apps/rb rolled back');
    c.runFor(30_000);
    const revisions = c.rolloutHistory('default', 'rb').map((h) => h.revision);
    assert.deepEqual(revisions, [2, 3]);
    const first = c.list('ReplicaSet', 'default').find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '3')!;
    assert.equal(first.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.throws(() => c.rolloutUndo('default', 'rb', 7), /unable to find specified revision 7 in history/);
  });

  it('reports ProgressDeadlineExceeded when the new pods never become ready', () => {
    const c = cluster();
    c.apply([deployment('slow', 2, { container: { readinessProbe: { httpGet: { path: '/', port: 8080 } } } })]);
    c.runFor(30_000);
    c.apply([{ ...deployment('slow', 2, { image: 'example/slow:2', container: { readinessProbe: { httpGet: { path: '/', port: 8080 } } } }), spec: { ...(deployment('slow', 2, { image: 'example/slow:2', annotations: { 'sim.shipshape.dev/readiness': 'fail' }, container: { readinessProbe: { httpGet: { path: '/', port: 8080 } } } }).spec as object), progressDeadlineSeconds: 60 } }]);
    c.runFor(120_000);
    const progressing = c.get<Deployment>('Deployment', 'default', 'slow')!.status!.conditions!.find((x) => x.type === 'Progressing')!;
    assert.equal(progressing.reason, 'ProgressDeadlineExceeded');
    assert.match(progressing.message ?? '', /^ReplicaSet "slow-\w+" has timed out progressing\.$/);
    assert.equal(pods(c, 'slow').filter(isPodReady).length, 2);
  });

  it('scales proportionally during a rollout', () => {
    const c = cluster();
    c.apply([deployment('p', 10, { container: { readinessProbe: { httpGet: { path: '/', port: 8080 } } } })]);
    c.runFor(30_000);
    c.apply([deployment('p', 10, { image: 'example/p:2', annotations: { 'sim.shipshape.dev/readiness': 'fail' }, container: { readinessProbe: { httpGet: { path: '/', port: 8080 } } } })]);
    c.runFor(30_000);
    const sizes = (): number[] => c.list<{ spec: { replicas: number } } & import('../../server/src/sim/types').KObject>('ReplicaSet', 'default').map((rs) => rs.spec.replicas).sort((a, b) => a - b);
    assert.deepEqual(sizes(), [5, 8]);
    c.scale('Deployment', 'default', 'p', 20);
    c.runFor(1000);
    // 13 → 25 allowed: 8*25/13 ≈ 15, 5*25/13 ≈ 10.
    assert.deepEqual(sizes(), [10, 15]);
  });
});
