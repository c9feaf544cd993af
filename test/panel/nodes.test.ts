import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { formatCpu, formatMemory, fraction, nodeCards, UNSCHEDULED } from '../../client/src/webview/model/nodes';
import type { Cluster } from '../../server/src/sim/cluster';
import { shopCluster, snapshotOf } from './fixtures';

function cards(cluster: Cluster) {
  const model = new ClusterModel();
  model.loadSnapshot(snapshotOf(cluster));
  return nodeCards(model);
}

describe('nodes view', () => {
  it('puts every pod on its node and sums requests as the scheduler does', () => {
    const cluster = shopCluster();
    const result = cards(cluster);
    assert.deepEqual(
      result.map((c) => c.name),
      ['node-1', 'node-2', 'node-3'],
    );
    const placed = result.flatMap((c) => c.podList.map((p) => `${p.name}@${c.name}`)).sort();
    const actual = cluster
      .list('Pod')
      .map((p) => `${p.metadata.name}@${(p.spec as { nodeName: string }).nodeName}`)
      .sort();
    assert.deepEqual(placed, actual);
    // Each api pod requests 250m and 256Mi; the other pods request nothing.
    assert.equal(
      result.reduce((sum, c) => sum + c.cpu.requested, 0),
      3 * 250,
    );
    assert.equal(
      result.reduce((sum, c) => sum + c.memory.requested, 0),
      3 * 256 * 2 ** 20,
    );
    for (const card of result) {
      assert.equal(card.cpu.allocatable, 4000);
      assert.equal(card.memory.allocatable, 16 * 2 ** 30);
      assert.equal(card.pods.allocatable, 110);
      const holding = card.podList.filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed').length;
      assert.equal(card.pods.requested, holding, 'completed pods do not count against the node');
    }
  });

  it('marks cordoned and failed nodes', () => {
    const cluster = shopCluster({ runMs: 10_000 });
    cluster.cordon('node-1');
    cluster.nodeDown('node-2');
    cluster.runFor(60_000);
    const [one, two, three] = cards(cluster);
    assert.deepEqual([one.status, one.cordoned, one.ready], ['Ready,SchedulingDisabled', true, true]);
    assert.deepEqual([two.status, two.cordoned, two.ready], ['NotReady', false, false]);
    assert.deepEqual([three.status, three.cordoned, three.ready], ['Ready', false, true]);
  });

  it('lists pods no node can take under "(unscheduled)"', () => {
    const cluster = shopCluster({ runMs: 1000 });
    cluster.apply([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'huge', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'example/huge:1', resources: { requests: { cpu: '64' } } }] },
      },
    ]);
    cluster.runFor(5000);
    const result = cards(cluster);
    const waiting = result.at(-1);
    assert.equal(waiting?.name, UNSCHEDULED);
    assert.deepEqual(
      waiting?.podList.map((p) => [p.name, p.status, p.category]),
      [['huge', 'Pending', 'pending']],
    );
  });

  it('formats quantities for the request bars', () => {
    assert.equal(formatCpu(1250), '1.25');
    assert.equal(formatCpu(4000), '4');
    assert.equal(formatMemory(768 * 2 ** 20), '768Mi');
    assert.equal(formatMemory(1.5 * 2 ** 30), '1.5Gi');
    assert.equal(formatMemory(16 * 2 ** 30), '16Gi');
    assert.equal(formatMemory(512), '512');
    assert.equal(fraction({ requested: 500, allocatable: 4000 }), 0.125);
    assert.equal(fraction({ requested: 5000, allocatable: 4000 }), 1);
    assert.equal(fraction({ requested: 5, allocatable: 0 }), 0);
  });
});
