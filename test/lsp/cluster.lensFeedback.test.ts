import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { shortReason } from '../../server/src/lsp/cluster/refusals';
import { ClusterClient, example, SHOP, withShopCluster } from './clusterHelpers';

const lensOn = (lenses: CodeLens[], prefix: string): CodeLens | undefined => lenses.find((l) => l.command?.title.startsWith(prefix));
const WARNING = 2;

function deploymentIn(namespace: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: orphan',
    `  namespace: ${namespace}`,
    'spec:',
    '  selector:',
    '    matchLabels: {app: orphan}',
    '  template:',
    '    metadata:',
    '      labels: {app: orphan}',
    '    spec:',
    '      containers:',
    '        - name: orphan',
    '          image: example/orphan:1.0.0',
    '',
  ].join('\n');
}

describe('refused applies are shown on the lens', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  it('a Deployment before its Namespace: "✖ refused: namespaces … not found", the whole message in the tooltip, a warning in the log', async () => {
    const uri = 'file:///ws/orphan.yaml';
    await c.open(uri, deploymentIn('later'));
    const response = await c.apply(uri, 0);
    assert.equal(response.ok, false);
    const lens = lensOn(await c.lenses(uri), '✖ refused: ');
    assert.equal(lens?.command?.title, '✖ refused: namespaces "later" not found');
    assert.equal(lens?.command?.tooltip, response.results[0].message);
    assert.equal(lens?.command?.command, 'shipshape.showOutput');
    const warning = c.logs.find((l) => l.message === `Apply refused: ${response.results[0].message}`);
    assert.equal(warning?.type, WARNING, 'the refusal is logged as a warning');
    // Once the namespace exists and the document applies, the refusal is gone.
    await c.open('file:///ws/later.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: later\n');
    assert.equal((await c.apply('file:///ws/later.yaml')).ok, true);
    assert.equal((await c.apply(uri, 0)).ok, true);
    assert.equal(lensOn(await c.lenses(uri), '✖'), undefined);
  });

  it('broken/web.yaml: the client-side validation refusal, until the document is edited', async () => {
    const uri = 'file:///ws/broken/web.yaml';
    const text = example('broken/web.yaml');
    await c.open(uri, text);
    const response = await c.apply(uri, 0);
    assert.equal(response.ok, false);
    const lens = lensOn(await c.lenses(uri), '✖ refused: ');
    assert.ok(lens?.command, 'a refused lens');
    assert.equal(lens.command.tooltip, response.results[0].message);
    assert.match(lens.command.title, /^✖ refused: metadata\.lables: .* \(\+\d+ more\)$/);
    await c.change(uri, text.replace('replicas: "2"', 'replicas: 2'), 2);
    assert.equal(lensOn(await c.lenses(uri), '✖'), undefined, 'an edited document no longer shows the old refusal');
  });

  it('short reasons keep the heart of the API server message', () => {
    assert.equal(shortReason('Error from server (NotFound): error when creating "a.yaml": namespaces "shop" not found'), 'namespaces "shop" not found');
    assert.equal(
      shortReason('The Deployment "web" is invalid: [spec.replicas: Invalid value: "2": expected integer, spec.selector: Required value]'),
      'spec.replicas: Invalid value: "2": expected integer (+1 more)',
    );
    assert.equal(shortReason('error: error parsing web.yaml: line 4: bad indentation'), 'line 4: bad indentation');
    assert.equal(
      shortReason(
        'error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Ingress" in version "extensions/v1beta1"',
      ),
      'no matches for kind "Ingress" in version "extensions/v1beta1"',
    );
    assert.equal(shortReason(`The Pod "p" is invalid: ${'x'.repeat(200)}`).length, 80);
  });
});

describe('drift between the cluster and the file', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  it('after a scale: "cluster differs: replicas 5, file 3", with "Re-apply file" and "Use cluster values"', async () => {
    await c.action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 5 });
    await c.step(30_000);
    const lenses = (await c.lenses(SHOP.api)).filter((l) => l.range.start.line === 0);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['▶ Apply file (2 resources)', '▶ Apply', 'Delete', '● 5/5 ready · cluster differs: replicas 5, file 3', 'Re-apply file', 'Use cluster values'],
    );
    assert.equal(lenses[3].command?.tooltip, 'The cluster differs from the file:\nspec.replicas: cluster 5, file 3');
    assert.deepEqual(lenses[4].command?.arguments, [SHOP.api, 0]);
    assert.equal(lenses[4].command?.command, 'shipshape.apply');
    // "Use cluster values": an edit at the exact range of `3`.
    const [uri, version, edits] = lenses[5].command?.arguments ?? [];
    assert.equal(uri, SHOP.api);
    assert.equal(version, 1);
    const text = example('shop/api.yaml');
    const line = text.split('\n').indexOf('  replicas: 3');
    assert.deepEqual(edits, [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, newText: '5' }]);
    const updated = TextDocument.applyEdits(TextDocument.create(SHOP.api, 'yaml', 1, text), edits as never);
    assert.equal(updated.split('\n')[line], '  replicas: 5');
    await c.change(SHOP.api, updated, 2);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 5/5 ready · edited since apply', 'the file now says what the cluster has');
    await c.change(SHOP.api, text, 3);
  });

  it('"Re-apply file" gives the cluster the file’s values back', async () => {
    assert.equal((await c.apply(SHOP.api, 0)).results[0].message, 'deployment.apps/api configured');
    await c.step(60_000);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready');
  });

  it('after a rollout undo: the image the cluster went back to', async () => {
    const v2 = example('shop/api.yaml').replace('example/api:1.0.0', 'example/api:1.1.0');
    await c.change(SHOP.api, v2, 4);
    await c.apply(SHOP.api, 0);
    await c.step(60_000);
    await c.action({ type: 'rolloutUndo', namespace: 'shop', name: 'api' });
    await c.step(60_000);
    const status = (await c.lenses(SHOP.api)).find((l) => l.range.start.line === 0 && l.command?.command === 'shipshape.openCluster');
    assert.equal(status?.command?.title, '● 3/3 ready · cluster differs: image example/api:1.0.0, file example/api:1.1.0');
  });
});

describe('lens refresh latency', () => {
  it('asks the editor to refresh lenses right after a change, not after a fixed delay', async (t) => {
    const c = new ClusterClient();
    try {
      await c.start();
      await c.open(SHOP.namespace, example('shop/namespace.yaml'));
      await c.apply(SHOP.namespace);
      await c.until(() => c.lensRefreshes > 0);
      const before = c.lensRefreshes;
      const started = performance.now();
      await c.delete(SHOP.namespace);
      await c.until(() => c.lensRefreshes > before);
      t.diagnostic(`lens refresh requested ${(performance.now() - started).toFixed(1)} ms after the change`);
      assert.deepEqual(await c.lensTitles(SHOP.namespace), { 0: ['▶ Apply'] });
    } finally {
      await c.dispose();
    }
  });
});
