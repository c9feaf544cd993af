import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyShop, ClusterClient, example, openShop, SHOP } from './clusterHelpers';

const REFUSED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: default
spec:
  replicas: "3"
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api:1.0.0
`;

describe('applying manifests to the simulated cluster', () => {
  let c: ClusterClient;
  before(async () => {
    c = new ClusterClient();
    await c.start();
    await openShop(c);
  });
  after(() => c.dispose());

  it('applies one document with kubectl messages and creates its objects', async () => {
    assert.deepEqual(await c.apply(SHOP.namespace, 0), {
      ok: true,
      results: [{ ref: { kind: 'Namespace', name: 'shop' }, outcome: 'created', message: 'namespace/shop created' }],
    });
    assert.equal((await c.find('Namespace', 'shop'))?.metadata.name, 'shop');
  });

  it('applies every document of a file, in order', async () => {
    const response = await c.apply(SHOP.config, -1);
    assert.deepEqual(
      response.results.map((r) => r.message),
      ['configmap/app-config created', 'secret/app-secrets created'],
    );
    assert.deepEqual(response.results[0].ref, { kind: 'ConfigMap', namespace: 'shop', name: 'app-config' });
  });

  it('applies the document at a position (a command run from the cursor)', async () => {
    const serviceLine = example('shop/api.yaml')
      .split('\n')
      .findIndex((l) => l === 'kind: Service');
    const response = await c.apply(SHOP.api, undefined, { line: serviceLine + 2, character: 4 });
    assert.deepEqual(
      response.results.map((r) => r.message),
      ['service/api-service created'],
    );
  });

  it('runs the applied Deployment until its pods are ready, and re-applying unchanged says so', async () => {
    assert.equal((await c.apply(SHOP.api, 0)).results[0].message, 'deployment.apps/api created');
    await c.step(30_000);
    const deployment = await c.find('Deployment', 'api', 'shop');
    assert.equal((deployment?.status as { readyReplicas?: number }).readyReplicas, 3);
    const pods = await c.list('Pod', 'shop');
    assert.equal(pods.length, 3);
    assert.deepEqual(await c.apply(SHOP.api, 0), {
      ok: true,
      results: [{ ref: { kind: 'Deployment', namespace: 'shop', name: 'api' }, outcome: 'unchanged', message: 'deployment.apps/api unchanged' }],
    });
  });

  it('re-applying an edited template rolls out a new ReplicaSet', async () => {
    await c.change(SHOP.api, example('shop/api.yaml').replace('example/api:1.0.0', 'example/api:1.1.0'), 2);
    assert.equal((await c.apply(SHOP.api, 0)).results[0].message, 'deployment.apps/api configured');
    await c.step(60_000);
    const replicaSets = await c.list('ReplicaSet', 'shop');
    assert.equal(replicaSets.length, 2);
    const images = (await c.list('Pod', 'shop')).map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    assert.deepEqual(images, ['example/api:1.1.0', 'example/api:1.1.0', 'example/api:1.1.0']);
  });

  it('refuses a document with errors like the API server, applies nothing and notifies the panel', async () => {
    const uri = 'file:///ws/refused.yaml';
    await c.open(uri, REFUSED);
    const response = await c.apply(uri, 0);
    const expected = {
      ok: false,
      results: [
        {
          ref: { kind: 'Deployment', namespace: 'default', name: 'api' },
          outcome: 'rejected',
          message: 'The Deployment "api" is invalid: spec.replicas: Invalid value: "3": expected integer, got string; remove the quotes',
        },
      ],
    };
    assert.deepEqual(response, expected);
    await c.until(() => c.applyFailures.length > 0);
    assert.deepEqual(c.applyFailures.at(-1), expected);
    assert.equal(await c.find('Deployment', 'api', 'default'), undefined);
  });

  it('refuses a whole file when one document has errors', async () => {
    const uri = 'file:///ws/mixed.yaml';
    await c.open(uri, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n---\n${REFUSED}`);
    const response = await c.apply(uri);
    assert.equal(response.ok, false);
    assert.deepEqual(
      response.results.map((r) => r.ref.kind),
      ['Deployment'],
    );
    assert.equal(await c.find('ConfigMap', 'fine', 'default'), undefined);
  });

  it('reports YAML syntax errors the way kubectl does', async () => {
    const uri = 'file:///ws/broken-syntax.yaml';
    await c.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    const response = await c.apply(uri, 0);
    assert.equal(response.ok, false);
    assert.equal(
      response.results[0].message,
      "error: error parsing broken-syntax.yaml: line 5: Duplicate key 'name': the later value silently replaces the earlier one.",
    );
  });

  it('reports a removed apiVersion as a missing resource mapping', async () => {
    const uri = 'file:///ws/old-ingress.yaml';
    await c.open(uri, 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n');
    const response = await c.apply(uri, 0);
    assert.equal(
      response.results[0].message,
      'error: resource mapping not found for name: "web" namespace: "" from "old-ingress.yaml": no matches for kind "Ingress" in version "extensions/v1beta1"',
    );
  });

  it("passes on the engine's own rejections (admission: a namespace that does not exist)", async () => {
    const uri = 'file:///ws/elsewhere.yaml';
    await c.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: nowhere\ndata:\n  a: b\n');
    const response = await c.apply(uri, 0);
    assert.equal(response.ok, false);
    assert.deepEqual(response.results[0], {
      ref: { kind: 'ConfigMap', namespace: 'nowhere', name: 'settings' },
      outcome: 'rejected',
      message: 'namespaces "nowhere" not found',
    });
    await c.until(() => c.applyFailures.some((f) => f.results[0].ref.namespace === 'nowhere'));
  });

  it('deletes the objects of a document, and says NotFound the second time', async () => {
    assert.deepEqual(await c.delete(SHOP.api, 1), {
      ok: true,
      results: [{ ref: { kind: 'Service', namespace: 'shop', name: 'api-service' }, outcome: 'deleted', message: 'service "api-service" deleted' }],
    });
    assert.equal(await c.find('Service', 'api-service', 'shop'), undefined);
    const again = await c.delete(SHOP.api, 1);
    assert.equal(again.ok, false);
    assert.equal(again.results[0].message, 'Error from server (NotFound): services "api-service" not found');
  });

  it('streams changes as batched deltas with the clock', async () => {
    const before = c.deltas.length;
    await c.action({ type: 'deletePod', namespace: 'shop', name: (await c.list('Pod', 'shop'))[0].metadata.name });
    await c.until(() => c.deltas.slice(before).some((d) => d.deletes.some((x) => x.kind === 'Pod') || d.upserts.some((o) => o.kind === 'Pod')));
    const delta = c.deltas.at(-1)!;
    assert.equal(typeof delta.clock.time, 'number');
    assert.equal(delta.clock.paused, true);
    assert.equal(delta.clock.epoch, Date.UTC(2025, 0, 1));
  });

  it('snapshots every object, recent events and the clock', async () => {
    const snapshot = await c.snapshot();
    assert.ok(snapshot.objects.some((o) => o.kind === 'Node' && o.metadata.name === 'node-3'));
    assert.ok(snapshot.events.some((e) => e.reason === 'ScalingReplicaSet' && e.involvedObject.name === 'api' && e.involvedObject.namespace === 'shop'));
    assert.equal(snapshot.clock.paused, true);
    assert.ok(snapshot.clock.time >= 90_000, `clock at ${snapshot.clock.time}`);
  });

  it('resets to a fresh cluster with the same nodes and tells the panel to drop what it holds', async () => {
    const before = c.deltas.length;
    const snapshot = await c.reset();
    assert.equal(
      snapshot.objects.some((o) => o.metadata.namespace === 'shop'),
      false,
    );
    assert.deepEqual(
      snapshot.objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name),
      ['node-1', 'node-2', 'node-3'],
    );
    assert.equal(snapshot.clock.time, 0);
    assert.equal(snapshot.clock.paused, true, 'a reset keeps the clock paused');
    await c.until(() => c.deltas.slice(before).some((d) => d.reset === true));
    const reset = c.deltas.slice(before).find((d) => d.reset)!;
    assert.equal(reset.upserts.length, snapshot.objects.length);
  });
});

describe('the shop example end to end over LSP', () => {
  let c: ClusterClient;
  before(async () => {
    c = new ClusterClient();
    await c.start();
  });
  after(() => c.dispose());

  it('namespace, config and api become a ready Deployment behind a Service', async () => {
    await applyShop(c);
    const service = (await c.describe({ kind: 'Service', namespace: 'shop', name: 'api-service' })).text;
    const endpoints = /^Endpoints:\s+(.*)$/m.exec(service)?.[1] ?? '';
    const addresses = endpoints.split(',');
    assert.equal(addresses.length, 3, service);
    for (const address of addresses) assert.match(address, /^10\.244\.\d+\.\d+:8080$/, service);
  });

  it('the kubernetes Service in default has the API server as its endpoint', async () => {
    const { text } = await c.describe({ kind: 'Service', namespace: 'default', name: 'kubernetes' });
    assert.match(text, /^Endpoints:\s+172\.18\.0\.2:6443$/m);
  });

  it('an Ingress gets an ADDRESS once the simulated ingress controller admits it', async () => {
    const uri = 'file:///ws/shop/ingress.yaml';
    await c.open(uri, example('shop/ingress.yaml'));
    assert.equal((await c.apply(uri)).ok, true);
    await c.step(1000);
    const ingress = (await c.list('Ingress', 'shop'))[0];
    assert.deepEqual((ingress.status as { loadBalancer?: unknown }).loadBalancer, { ingress: [{ ip: '172.18.0.100' }] });
    const { text } = await c.describe({ kind: 'Ingress', namespace: 'shop', name: ingress.metadata.name });
    assert.match(text, /^ {2}Normal\s+Sync\s+\S+\s+ingress-controller\s+Scheduled for sync$/m);
  });
});
