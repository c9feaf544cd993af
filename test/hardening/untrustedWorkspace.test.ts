import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { UNTRUSTED_MESSAGE } from '../../server/src/lsp/cluster/register';
import { Methods } from '../../server/src/lsp/protocol';
import { ClusterClient, tempStorage } from '../lsp/clusterHelpers';

const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LEVEL: info\n';
const URI = 'file:///ws/settings.yaml';

/** Well-formed parameters for every cluster request, so that only the trust decision can refuse them. */
const REQUESTS: [method: string, params: unknown][] = [
  [Methods.apply, { uri: URI, documentIndex: 0 }],
  [Methods.apply, { uri: URI }],
  [Methods.delete, { uri: URI, documentIndex: 0 }],
  [Methods.reset, {}],
  [Methods.snapshot, {}],
  [Methods.action, { type: 'pause' }],
  [Methods.action, { type: 'scale', ref: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 3 }],
  [Methods.canI, { verb: 'get', resource: 'pods', namespace: 'default', subject: { kind: 'ServiceAccount', name: 'default', namespace: 'default' } }],
  [Methods.describe, { kind: 'Node', name: 'node-1' }],
  [Methods.apiEndpoint, {}],
];

describe('untrusted workspaces (clusterEnabled: false)', () => {
  it('refuses every cluster request, runs no cluster and stores nothing; validation still works', async () => {
    const storage = tempStorage();
    const c = new ClusterClient();
    try {
      await c.start({ clusterEnabled: false, clusterStoragePath: storage });
      const diagnostics = c.lsp.waitForDiagnostics(URI);
      await c.open(URI, MANIFEST);
      assert.deepEqual(await diagnostics, [], 'the manifest is validated');
      for (const [method, params] of REQUESTS) {
        await assert.rejects(c.lsp.request(method, params), { code: -32803, message: UNTRUSTED_MESSAGE }, `${method} ${JSON.stringify(params)}`);
      }
      assert.deepEqual(await c.lenses(URI), [], 'no Apply lenses');
      await c.lsp.request('shutdown', null);
      assert.equal(c.deltas.length, 0, 'no cluster notifications');
      assert.equal(c.applyFailures.length, 0);
      assert.deepEqual(readdirSync(storage), [], 'nothing persisted');
    } finally {
      await c.dispose();
    }
  });

  it('fails closed: clusterEnabled "false", 0, null, "true" or {} disable the cluster; only true or no value enable it', async () => {
    for (const value of ['false', 0, null, 'true', {}, 1]) {
      const c = new ClusterClient();
      try {
        await c.start({ clusterEnabled: value as unknown as boolean }, true);
        await assert.rejects(
          c.snapshot(),
          { code: -32803, message: /^The simulated cluster is disabled: the initialization option clusterEnabled is / },
          JSON.stringify(value),
        );
        await c.open(URI, MANIFEST);
        assert.deepEqual(await c.lenses(URI), [], `no Apply lenses for ${JSON.stringify(value)}`);
      } finally {
        await c.dispose();
      }
    }
    for (const options of [{ clusterEnabled: true }, {}]) {
      const c = new ClusterClient();
      try {
        await c.start(options, true);
        assert.ok((await c.snapshot()).objects.length > 0, JSON.stringify(options));
      } finally {
        await c.dispose();
      }
    }
  });

  it('covers every request of the protocol', () => {
    const requests = Object.values(Methods).filter((m) => m !== Methods.changed && m !== Methods.applyFailed);
    assert.deepEqual(new Set(REQUESTS.map(([m]) => m)), new Set(requests));
  });
});
