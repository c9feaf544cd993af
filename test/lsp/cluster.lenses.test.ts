import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyShop, ClusterClient, example, SHOP } from './clusterHelpers';

function workload(name: string, extra: { replicas?: number; annotations?: string; cpu?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  replicas: ${extra.replicas ?? 1}`,
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    ...(extra.annotations ? ['      annotations:', `        ${extra.annotations}`] : []),
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: example/${name}:1.0.0`,
    ...(extra.cpu ? ['          resources:', '            requests:', `              cpu: "${extra.cpu}"`] : []),
    '',
  ].join('\n');
}

describe('code lenses: Apply, Delete and the live status', () => {
  let c: ClusterClient;
  before(async () => {
    c = new ClusterClient();
    await c.start();
  });
  after(() => c.dispose());

  it('offers "Apply file" above a file with several documents and "▶ Apply" above each document', async () => {
    await c.open(SHOP.api, example('shop/api.yaml'));
    const lenses = await c.lenses(SHOP.api);
    const serviceLine = example('shop/api.yaml').split('\n').indexOf('apiVersion: v1');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
      [
        [0, '▶ Apply file (2 resources)', 'shipshape.applyFile', [SHOP.api, -1]],
        [0, '▶ Apply', 'shipshape.apply', [SHOP.api, 0]],
        [serviceLine, '▶ Apply', 'shipshape.apply', [SHOP.api, 1]],
      ],
    );
  });

  it('offers no "Apply file" lens for a single document', async () => {
    await c.open(SHOP.namespace, example('shop/namespace.yaml'));
    assert.deepEqual(await c.lensTitles(SHOP.namespace), { 0: ['▶ Apply'] });
  });

  it('shows "Delete" and "● 3/3 ready" once the Deployment is applied and ready', async () => {
    await applyShop(c);
    const titles = await c.lensTitles(SHOP.api);
    assert.deepEqual(titles[0], ['▶ Apply file (2 resources)', '▶ Apply', 'Delete', '● 3/3 ready']);
    const serviceLine = example('shop/api.yaml').split('\n').indexOf('apiVersion: v1');
    assert.deepEqual(titles[serviceLine], ['▶ Apply', 'Delete', '● 3 endpoints ready']);
    assert.deepEqual(await c.lensTitles(SHOP.namespace), { 0: ['▶ Apply', 'Delete', '● Active'] });
    const status = (await c.lenses(SHOP.api)).find((l) => l.command?.title === '● 3/3 ready');
    assert.deepEqual(status?.command?.arguments, [{ kind: 'Deployment', namespace: 'shop', name: 'api' }]);
    assert.equal(status?.command?.command, 'shipshape.openCluster');
  });

  it('says when the text was edited since it was applied, then shows the rolling update', async () => {
    const edited = example('shop/api.yaml').replace('example/api:1.0.0', 'example/api:2.0.0');
    await c.change(SHOP.api, edited, 2);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready · edited since apply');
    await c.apply(SHOP.api, 0);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '◐ rolling out 1/3 updated');
    await c.step(60_000);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '● 3/3 ready');
  });

  it('asks the editor to refresh lenses when a status changes', async () => {
    const before = c.lensRefreshes;
    await c.action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 4 });
    await c.until(() => c.lensRefreshes > before);
    assert.equal((await c.lensTitles(SHOP.api))[0][3], '◐ 3/4 ready · cluster differs: replicas 4, file 3');
  });

  it('shows CrashLoopBackOff when containers keep crashing', async () => {
    const uri = 'file:///ws/crashy.yaml';
    await c.open(uri, workload('crashy', { annotations: 'sim.shipshape.dev/crash-after: "1s"' }));
    await c.apply(uri, 0);
    await c.step(30_000);
    assert.equal((await c.lensTitles(uri))[0][2], '✖ CrashLoopBackOff · 0/1 ready');
  });

  it('shows why pods are Pending when no node fits', async () => {
    const uri = 'file:///ws/greedy.yaml';
    await c.open(uri, workload('greedy', { replicas: 3, cpu: '100' }));
    await c.apply(uri, 0);
    await c.step(5_000);
    assert.equal((await c.lensTitles(uri))[0][2], 'Pending: 0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('drops the status lens once the object is deleted', async () => {
    const uri = 'file:///ws/greedy.yaml';
    await c.delete(uri, 0);
    await c.step(60_000);
    assert.deepEqual(await c.lensTitles(uri), { 0: ['▶ Apply'] });
  });
});

describe('code lenses in an untrusted workspace', () => {
  let c: ClusterClient;
  before(async () => {
    c = new ClusterClient();
    await c.start({ clusterEnabled: false });
    await c.open(SHOP.api, example('shop/api.yaml'));
  });
  after(() => c.dispose());

  it('offers no Apply lenses', async () => {
    assert.deepEqual(await c.lenses(SHOP.api), []);
  });

  it('answers every cluster request with an error saying the workspace is untrusted', async () => {
    const untrusted = {
      code: -32803,
      message: 'The simulated cluster is disabled because this workspace is not trusted. Trust the workspace to apply manifests.',
    };
    await assert.rejects(c.apply(SHOP.api, 0), untrusted);
    await assert.rejects(c.delete(SHOP.api, 0), untrusted);
    await assert.rejects(c.snapshot(), untrusted);
    await assert.rejects(c.reset(), untrusted);
    await assert.rejects(c.action({ type: 'pause' }), untrusted);
    await assert.rejects(c.describe({ kind: 'Node', name: 'node-1' }), untrusted);
  });
});
