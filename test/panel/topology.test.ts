import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { buildTopology, POD_GROUP_THRESHOLD, type Topology } from '../../client/src/webview/model/topology';
import { renderTopology } from '../../client/src/webview/render/topologySvg';
import { largeCluster, shopCluster, snapshotOf } from './fixtures';

function edge(topology: Topology, from: string, to: string) {
  return topology.edges.find((e) => e.from === from && e.to === to);
}

describe('topology graph', () => {
  let topology: Topology;
  before(() => {
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(shopCluster()));
    topology = buildTopology(model, 'shop');
  });

  it('links Ingress → Service → Pods ← ReplicaSet ← Deployment', () => {
    const rs = topology.nodes.find((n) => n.kind === 'ReplicaSet' && n.label.startsWith('api-'));
    assert.ok(rs);
    const pods = topology.nodes.filter((n) => n.kind === 'Pod' && n.label.startsWith('api-'));
    assert.equal(pods.length, 3);
    assert.equal(edge(topology, 'Ingress/shop/app-ingress', 'Service/shop/api-service')?.broken, false);
    assert.equal(edge(topology, 'Deployment/shop/api', rs.id)?.broken, false);
    for (const pod of pods) {
      assert.equal(edge(topology, 'Service/shop/api-service', pod.id)?.broken, false, `service → ${pod.id}`);
      assert.equal(edge(topology, rs.id, pod.id)?.broken, false, `replicaset → ${pod.id}`);
    }
    assert.deepEqual([...new Set(topology.nodes.map((n) => `${n.kind}:${n.column}`))].sort(), [
      'Deployment:4',
      'Ingress:0',
      'NoPods:2',
      'Pod:2',
      'ReplicaSet:3',
      'Service:1',
    ]);
  });

  it('shows a Service that selects nothing and an Ingress naming a missing Service as broken links', () => {
    const noPods = topology.nodes.find((n) => n.id === 'nopods:Service/shop/orphan');
    assert.ok(noPods?.placeholder);
    assert.equal(noPods.detail, 'app=nothing-has-this-label');
    assert.equal(edge(topology, 'Service/shop/orphan', noPods.id)?.broken, true);
    assert.equal(topology.nodes.find((n) => n.id === 'Service/shop/orphan')?.tone, 'warn');
    const missing = topology.nodes.find((n) => n.id === 'missing:Service/shop/removed-service');
    assert.ok(missing?.placeholder);
    assert.equal(missing.tone, 'error');
    assert.equal(edge(topology, 'Ingress/shop/stale-ingress', missing.id)?.broken, true);
    assert.equal(topology.nodes.find((n) => n.id === 'Ingress/shop/stale-ingress')?.tone, 'error');
    assert.equal(topology.nodes.find((n) => n.id === 'Ingress/shop/app-ingress')?.tone, 'ok');
  });

  it('lays boxes out without overlaps, inside the drawing', () => {
    for (const column of [0, 1, 2, 3, 4]) {
      const boxes = topology.nodes.filter((n) => n.column === column).sort((a, b) => a.y - b.y);
      for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].y >= boxes[i - 1].y + boxes[i - 1].height, `${boxes[i - 1].id} overlaps ${boxes[i].id}`);
    }
    for (const n of topology.nodes) {
      assert.ok(n.x >= 0 && n.x + n.width <= topology.width, `${n.id} is outside horizontally`);
      assert.ok(n.y >= 0 && n.y + n.height <= topology.height, `${n.id} is outside vertically`);
    }
  });

  it('draws broken links dashed (data-broken) and makes objects selectable', () => {
    const svg = renderTopology(topology);
    assert.match(svg, /data-testid="topo-edge"[^>]*data-from="Service\/shop\/orphan"[^>]*data-broken="true"/);
    assert.match(svg, /class="edge broken"/);
    assert.match(
      svg,
      /data-testid="topo-node"[^>]*data-select[^>]*tabindex="0"[^>]*role="button"[^>]*data-kind="Service" data-namespace="shop" data-name="api-service"/,
    );
    assert.match(svg, /data-testid="topo-placeholder"[^>]*data-node-kind="Service"/);
  });

  it('collapses a large set of pods into one node per controller', () => {
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(largeCluster(60, 2, 3)));
    const big = buildTopology(model, 'default');
    const groups = big.nodes.filter((n) => n.kind === 'PodGroup');
    assert.equal(groups.length, 2);
    assert.ok(30 > POD_GROUP_THRESHOLD);
    assert.deepEqual(
      groups.map((g) => [g.label, g.detail]),
      [
        ['30 pods', '30 ready'],
        ['30 pods', '30 ready'],
      ],
    );
    assert.equal(big.nodes.filter((n) => n.kind === 'Pod').length, 0);
  });
});
