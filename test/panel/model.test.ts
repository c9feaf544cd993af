import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel, keyOf } from '../../client/src/webview/model/clusterModel';
import type { ClusterDelta, KubeObject } from '../../server/src/lsp/protocol';
import { recordDeltas, shopCluster, snapshotOf } from './fixtures';

function state(model: ClusterModel): string[] {
  const out: string[] = [];
  for (const kind of model.kinds()) for (const obj of model.list(kind)) out.push(`${keyOf(obj)}@${obj.metadata.resourceVersion}`);
  return out.sort();
}

const pod = (name: string, rv: string, uid = `uid-${name}`): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid, resourceVersion: rv },
});
const clock = (time: number) => ({ time, epoch: 0, paused: false, speed: 1 });
const delta = (parts: Partial<ClusterDelta>): ClusterDelta => ({ upserts: [], deletes: [], events: [], clock: clock(10), ...parts });

describe('webview cluster model', () => {
  it('a snapshot plus the deltas that follow equals the later snapshot', () => {
    const cluster = shopCluster({ runMs: 20_000 });
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(cluster));
    const deltas = recordDeltas(cluster, () => {
      cluster.scale('Deployment', 'shop', 'worker', 4);
      cluster.delete({ kind: 'Pod', namespace: 'shop', selector: { app: 'api' }, count: 1 });
      cluster.runFor(30_000);
    });
    assert.ok(deltas.length > 10, `only ${deltas.length} deltas`);
    for (const d of deltas) model.applyDelta(d);
    const expected = new ClusterModel();
    expected.loadSnapshot(snapshotOf(cluster));
    assert.deepEqual(state(model), state(expected));
    assert.equal(model.clock.time, deltas.at(-1)?.clock.time);
    assert.equal(model.list('Pod', 'shop').filter((p) => (p.metadata.labels as Record<string, string> | undefined)?.app === 'worker').length, 4);
    assert.deepEqual(
      model.events.map((e) => `${e.time} ${e.reason} ${e.involvedObject.name} ${e.count}`),
      cluster.events.stream.map((e) => `${e.time} ${e.reason} ${e.involvedObject.name} ${e.count}`),
    );
  });

  it('ignores data older than what it holds (deltas sent before a snapshot that arrive after it)', () => {
    const model = new ClusterModel();
    model.loadSnapshot({ objects: [pod('a', '10'), pod('b', '12')], events: [], clock: clock(100) });
    model.applyDelta(delta({ upserts: [pod('a', '8')], clock: clock(50) }));
    assert.equal(model.get('Pod', 'default', 'a')?.metadata.resourceVersion, '10', 'an older version does not replace a newer one');
    model.applyDelta(delta({ upserts: [pod('gone', '11')] }));
    assert.equal(model.get('Pod', 'default', 'gone'), undefined, 'an object older than the snapshot and absent from it was deleted since');
    model.applyDelta(delta({ deletes: [{ kind: 'Pod', namespace: 'default', name: 'b', uid: 'another-uid' }] }));
    assert.ok(model.get('Pod', 'default', 'b'), 'a delete of an earlier object with the same name keeps the current one');
    assert.equal(model.clock.time, 100, 'the clock does not go back');
    model.applyDelta(
      delta({ upserts: [pod('a', '13'), pod('c', '14')], deletes: [{ kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' }], clock: clock(120) }),
    );
    assert.deepEqual(state(model), ['Pod/default/a@13', 'Pod/default/c@14']);
    assert.equal(model.clock.time, 120);
  });

  it('keeps each event once, even when a delta repeats events of the snapshot', () => {
    const model = new ClusterModel();
    const event = {
      time: 5,
      type: 'Normal' as const,
      reason: 'Scheduled',
      message: 'assigned',
      source: 'default-scheduler',
      count: 1,
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'a' },
    };
    model.loadSnapshot({ objects: [], events: [event], clock: clock(5) });
    const change = model.applyDelta(delta({ events: [event, { ...event, time: 6, count: 2 }] }));
    assert.equal(change.events, 1);
    assert.equal(model.events.length, 2);
  });

  it('a reset delta replaces everything', () => {
    const model = new ClusterModel();
    model.loadSnapshot({ objects: [pod('a', '10'), pod('b', '12')], events: [], clock: clock(100) });
    model.applyDelta({ reset: true, upserts: [pod('fresh', '3')], deletes: [], events: [], clock: clock(0) });
    assert.deepEqual(state(model), ['Pod/default/fresh@3']);
    assert.equal(model.clock.time, 0);
    model.applyDelta(delta({ upserts: [pod('next', '4')], clock: clock(1) }));
    assert.deepEqual(state(model), ['Pod/default/fresh@3', 'Pod/default/next@4']);
  });

  it('lists namespaces from Namespace objects and from the objects in them', () => {
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(shopCluster({ runMs: 1000 })));
    assert.deepEqual(model.namespaces(), ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']);
  });
});
