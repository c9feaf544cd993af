import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import {
  MAX_BYTES_PER_APPLY,
  MAX_OBJECT_BYTES,
  MAX_OBJECTS_PER_APPLY,
  measureObjects,
  OBJECT_TOO_LARGE_MESSAGE,
} from '../../server/src/lsp/cluster/applyBounds';
import { Methods, type ApplyResponse, type DescribeResponse } from '../../server/src/lsp/protocol';
import { ClusterClient } from './clusterHelpers';
import { configMaps } from './serverProcess';

const URI = 'file:///ws/many.yaml';
/** Enough objects that applying them takes several slices. */
const MANY = 5000;

async function appliedConfigMaps(c: ClusterClient): Promise<number> {
  return (await c.list('ConfigMap', 'default')).filter((o) => o.metadata.name.startsWith('cm-')).length;
}

describe('bounds of an apply at the host', () => {
  it(`refuses a file of more than ${MAX_OBJECTS_PER_APPLY.toLocaleString('en-US')} objects at once, applying nothing`, async () => {
    const c = new ClusterClient();
    await c.start();
    await c.open(URI, configMaps(MAX_OBJECTS_PER_APPLY + 1));
    const refusal = {
      code: -32803,
      message: `Refused: the request would apply 10,001 objects; one request takes at most 10,000. Split the file.`,
    };
    await assert.rejects(c.apply(URI), refusal);
    await assert.rejects(c.delete(URI), { code: -32803, message: /^Refused: the request would delete 10,001 objects/ });
    assert.equal(await appliedConfigMaps(c), 0);
    // One document of the same file is fine.
    assert.equal((await c.apply(URI, 0)).ok, true);
    await c.dispose();
  });

  it('refuses a whole file of far more documents than one request takes before parsing it', async () => {
    const c = new ClusterClient();
    await c.start();
    const text = Array.from({ length: 2 * MAX_OBJECTS_PER_APPLY + 1 }, (_, i) => `kind: ConfigMap\napiVersion: v1\nmetadata: {name: c${i}}\n`).join('---\n');
    await c.open(URI, text);
    await assert.rejects(c.apply(URI), {
      code: -32803,
      message: 'Refused: the file has 20,001 YAML documents; one request can apply at most 10,000 objects. Split the file.',
    });
    await c.dispose();
  });

  it('applies a big file in slices: progress is reported, other requests are answered meanwhile', async () => {
    const c = new ClusterClient();
    await c.start({}, false, { workDoneProgress: true });
    const progress: { kind: string; cancellable?: boolean; percentage?: number }[] = [];
    c.lsp.client.onNotification('$/progress', (p: { value: { kind: string; cancellable?: boolean; percentage?: number } }) => {
      progress.push(p.value);
    });
    await c.open(URI, configMaps(MANY));
    const order: string[] = [];
    const applying = c.apply(URI).then((r) => {
      order.push('apply');
      return r;
    });
    const describing = c.describe({ kind: 'Node', name: 'node-1' }).then((r: DescribeResponse) => {
      order.push('describe');
      return r;
    });
    const [response, description] = await Promise.all([applying, describing]);
    assert.equal(response.ok, true);
    assert.equal(response.results.length, MANY);
    assert.match(description.text, /node-1/);
    assert.deepEqual(order, ['describe', 'apply'], 'the describe request is answered while the apply runs');
    assert.equal(await appliedConfigMaps(c), MANY);
    await c.until(() => progress.some((p) => p.kind === 'end'));
    assert.equal(progress[0].kind, 'begin');
    assert.equal(progress[0].cancellable, true, 'the user can cancel it');
    await c.dispose();
  });

  it('stops a cancelled apply after the current chunk and says which objects were not applied', async () => {
    const c = new ClusterClient();
    await c.start();
    await c.open(URI, configMaps(MANY));
    const source = new CancellationTokenSource();
    const pending = c.lsp.client.sendRequest<ApplyResponse>(Methods.apply, { uri: URI }, source.token);
    source.cancel();
    const response = await pending;
    assert.equal(response.ok, false);
    const applied = response.results.filter((r) => r.outcome === 'created');
    const skipped = response.results.filter((r) => r.outcome === 'rejected');
    assert.ok(skipped.length > 0, 'the apply stopped early');
    assert.equal(applied.length + skipped.length, MANY);
    assert.equal(skipped[0].message, `not applied: the request was cancelled after ${applied.length} of ${MANY} objects`);
    assert.equal(await appliedConfigMaps(c), applied.length, 'exactly the reported objects are in the cluster');
    assert.equal(c.applyFailures.length, 0, 'a cancellation is not reported as a failed apply');
    await c.dispose();
  });

  it('measures alias fan-out without expanding it: 99 containers sharing one 200,000-item list', () => {
    const shared = Array.from({ length: 200_000 }, (_, i) => `item-${i}`);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fan' },
      spec: { containers: Array.from({ length: 99 }, (_, i) => ({ name: `c${i}`, args: shared })) },
    };
    const { sizes, total } = measureObjects([pod]);
    assert.equal(sizes[0], MAX_OBJECT_BYTES + 1, 'over the per-object limit');
    assert.ok(total <= MAX_BYTES_PER_APPLY);
    const small = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } };
    assert.equal(measureObjects([small]).sizes[0], JSON.stringify(small).length);
    assert.equal(OBJECT_TOO_LARGE_MESSAGE, 'Request entity too large: limit is 3145728');
  });
});
