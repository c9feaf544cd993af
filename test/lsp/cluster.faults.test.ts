import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../server/src/lsp/protocol';
import { ClusterClient, SHOP, withShopCluster } from './clusterHelpers';

const livePods = async (c: ClusterClient): Promise<KubeObject[]> =>
  (await c.list('Pod', 'shop')).filter((p) => !p.metadata.deletionTimestamp).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
const faults = async (c: ClusterClient) => (await c.snapshot()).faults ?? [];

describe('faults belong to the object they were injected on', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  it('are listed in snapshots and deltas, and "clearFault" removes one', async () => {
    const deltas = c.deltas.length;
    await c.action({ type: 'fault', fault: 'readinessFailure', namespace: 'shop', name: 'api' });
    const [fault] = await faults(c);
    assert.deepEqual(fault, { id: fault.id, fault: 'readinessFailure', target: { kind: 'Deployment', namespace: 'shop', name: 'api' } });
    await c.until(() => c.deltas.slice(deltas).some((d) => d.faults?.length === 1));
    await c.step(30_000);
    assert.match((await c.lensTitles(SHOP.api))[0][3], /0\/3 ready/);
    assert.deepEqual(await c.action({ type: 'clearFault', id: fault.id }), { ok: true, message: 'fault readinessFailure cleared from deployment/api' });
    assert.deepEqual(await faults(c), []);
    await c.until(() => c.deltas.some((d) => d.faults?.length === 0));
    await c.step(30_000);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready', 'the pods are ready again');
    assert.deepEqual(await c.action({ type: 'clearFault', id: fault.id }), { ok: false, message: `no fault with id ${fault.id}` });
  });

  it('re-applying the manifest (no fault annotations) leaves no fault behind, on the workload or its pods', async () => {
    const [pod] = await livePods(c);
    await c.action({ type: 'fault', fault: 'crash', namespace: 'shop', name: 'api' });
    await c.action({ type: 'fault', fault: 'imagePullFailure', namespace: 'shop', name: pod.metadata.name });
    assert.equal((await faults(c)).length, 2);
    const response = await c.apply(SHOP.api, 0);
    assert.equal(response.results[0].message, 'deployment.apps/api unchanged');
    assert.deepEqual(await faults(c), []);
  });

  it('a pod-level fault goes with its pod (rollout restart replaces the pods)', async () => {
    const [pod] = await livePods(c);
    await c.action({ type: 'fault', fault: 'crash', namespace: 'shop', name: pod.metadata.name });
    assert.deepEqual(
      (await faults(c)).map((f) => f.target),
      [{ kind: 'Pod', namespace: 'shop', name: pod.metadata.name }],
    );
    await c.action({ type: 'rolloutRestart', kind: 'Deployment', namespace: 'shop', name: 'api' });
    await c.step(120_000);
    assert.ok(!(await livePods(c)).some((p) => p.metadata.name === pod.metadata.name), 'the pod was replaced');
    assert.deepEqual(await faults(c), []);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready');
  });

  it('deleting the workload removes its fault: delete + re-apply starts healthy', async () => {
    await c.action({ type: 'fault', fault: 'crash', namespace: 'shop', name: 'api' });
    await c.delete(SHOP.api, 0);
    assert.deepEqual(await faults(c), []);
    await c.step(60_000);
    assert.equal((await c.apply(SHOP.api, 0)).results[0].message, 'deployment.apps/api created');
    await c.step(60_000);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready');
  });
});
