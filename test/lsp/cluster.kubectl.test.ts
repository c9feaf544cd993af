import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Methods, type ApiEndpointResponse } from '../../server/src/lsp/protocol';
import { kubectlMissing, KUBECTL } from '../apiserver/harness';
import { ClusterClient, openShop, SHOP } from './clusterHelpers';

function kubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(KUBECTL, [`--kubeconfig=${kubeconfig}`, ...args], { timeout: 30_000 }, (err, stdout, stderr) => done({ code: err ? 1 : 0, stdout, stderr }));
  });
}

describe('kubectl against the cluster hosted by the language server', { skip: kubectlMissing() }, () => {
  let c: ClusterClient;
  let api: ApiEndpointResponse;
  before(async () => {
    c = new ClusterClient();
    await c.start();
    await openShop(c);
    api = await c.lsp.request<ApiEndpointResponse>(Methods.apiEndpoint, {});
  });
  after(() => c.dispose());

  it('serves the API on loopback with a kubeconfig named shipshape', async () => {
    assert.match(api.server, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await kubectl(api.kubeconfig, ['config', 'current-context'])).stdout, 'shipshape\n');
    assert.deepEqual(await c.lsp.request<ApiEndpointResponse>(Methods.apiEndpoint, {}), api, 'one server per host');
  });

  it("kubectl's changes reach the panel as deltas", async () => {
    assert.equal(
      (await kubectl(api.kubeconfig, ['create', 'configmap', 'from-kubectl', '--from-literal=greeting=hello'])).stdout,
      'configmap/from-kubectl created\n',
    );
    await c.until(() => c.deltas.some((d) => d.upserts.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'from-kubectl')));
  });

  it('what the editor applies is visible to kubectl', async () => {
    await c.apply(SHOP.namespace, 0);
    assert.match((await kubectl(api.kubeconfig, ['get', 'ns', 'shop'])).stdout, /^NAME\s+STATUS\s+AGE\nshop\s+Active\s/);
  });

  it('a reset is followed: the old objects are gone for kubectl too', async () => {
    await c.reset();
    const r = await kubectl(api.kubeconfig, ['get', 'configmap', 'from-kubectl']);
    assert.match(r.stderr, /Error from server \(NotFound\): configmaps "from-kubectl" not found/);
  });
});
