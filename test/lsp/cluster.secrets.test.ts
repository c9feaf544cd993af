import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK } from '../../server/src/core/model/secrets';
import { Methods, type DescribeResponse, type KubeObject } from '../../server/src/lsp/protocol';
import { ClusterClient, withShopCluster } from './clusterHelpers';

const stringData = (o: KubeObject | undefined): Record<string, string> => (o?.stringData ?? {}) as Record<string, string>;

describe('Secret values in cluster responses', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  it('are masked in snapshots and deltas', async () => {
    const secret = (await c.snapshot()).objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'app-secrets');
    assert.ok(secret, 'the Secret was applied');
    assert.ok(stringData(secret).DB_PASSWORD.startsWith(MASK));
    await c.until(() => c.deltas.some((d) => d.upserts.some((o) => o.kind === 'Secret')));
    const text = JSON.stringify(c.deltas);
    assert.ok(!text.includes('change-me') && !text.includes('not-a-real-token'), 'no Secret value in any delta');
  });

  it('are masked in describe unless revealSecrets is asked for', async () => {
    const ref = { kind: 'Secret', namespace: 'shop', name: 'app-secrets' };
    const masked = await c.lsp.request<DescribeResponse>(Methods.describe, ref);
    assert.ok(stringData(masked.object).DB_PASSWORD.startsWith(MASK));
    assert.ok(!masked.text.includes('change-me'));
    const revealed = await c.lsp.request<DescribeResponse>(Methods.describe, { ...ref, revealSecrets: true });
    assert.equal(stringData(revealed.object).DB_PASSWORD, 'change-me');
    await assert.rejects(c.lsp.request(Methods.describe, { ...ref, revealSecrets: 'yes' }), /revealSecrets must be a boolean/);
  });
});
