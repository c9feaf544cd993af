import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { KubeApiServer } from '../../server/src/apiserver/server';
import { Cluster } from '../../server/src/sim/cluster';

interface Reply {
  code: number;
  body: string;
  json: () => Record<string, unknown>;
}

describe('API server safety and bad input (in-process)', () => {
  let cluster: Cluster;
  let server: KubeApiServer;
  const call = (method: string, path: string, options: { body?: string | Buffer; token?: string | null; type?: string } = {}): Promise<Reply> =>
    new Promise((done, fail) => {
      const headers: Record<string, string> = { 'Content-Type': options.type ?? 'application/json' };
      if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? server.token}`;
      const req = request(`${server.url}${path}`, { method, ca: server.certificate, headers }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => done({ code: res.statusCode ?? 0, body, json: () => JSON.parse(body) as Record<string, unknown> }));
      });
      req.on('error', fail);
      req.end(options.body);
    });

  before(async () => {
    cluster = new Cluster({ seed: 7 });
    server = new KubeApiServer({ cluster: () => cluster });
    await server.listen(0);
  });
  after(() => server.close());

  it('listens on loopback over HTTPS', () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses requests without the bearer token (401)', async () => {
    for (const token of [null, 'wrong']) {
      const r = await call('GET', '/api/v1/namespaces', { token });
      assert.equal(r.code, 401);
      assert.deepEqual(r.json(), {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('refuses bodies over 3 MB (413) and keeps serving', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: big });
    assert.equal(r.code, 413);
    assert.equal(r.json().message, 'Request entity too large: limit is 3145728');
    assert.equal((await call('GET', '/api/v1/namespaces/default/configmaps/big')).code, 404);
  });

  it('answers malformed JSON, YAML and protobuf bodies with 400 and the decoder message', async () => {
    const json = await call('POST', '/api/v1/namespaces/default/configmaps', { body: '{"apiVersion": "v1", kind' });
    assert.equal(json.code, 400);
    assert.match(String(json.json().message), /^couldn't get version\/kind; json parse error: /);
    const yaml = await call('PATCH', '/api/v1/namespaces/default/configmaps/x?fieldManager=t', { body: 'a: [1, 2', type: 'application/apply-patch+yaml' });
    assert.equal(yaml.code, 400);
    assert.match(String(yaml.json().message), /^error converting YAML to JSON: /);
    const proto = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: Buffer.from('k8s\u0000\u0012\u00ff'),
      type: 'application/vnd.kubernetes.protobuf',
    });
    assert.equal(proto.code, 400);
  });

  it('creates, conflicts on a stale resourceVersion (409) and reports AlreadyExists', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: '1' } };
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify(cm) });
    assert.equal(created.code, 201);
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify(cm) });
    assert.equal(again.code, 409);
    assert.equal(again.json().message, 'configmaps "c1" already exists');
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/c1', {
      body: JSON.stringify({ ...cm, metadata: { name: 'c1', resourceVersion: '1' } }),
    });
    assert.equal(stale.code, 409);
    assert.equal(
      stale.json().message,
      'Operation cannot be fulfilled on configmaps "c1": the object has been modified; please apply your changes to the latest version and try again',
    );
    const generated = await call('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ ...cm, metadata: { generateName: 'gen-' } }) });
    assert.match(String((generated.json().metadata as { name: string }).name), /^gen-[a-z0-9]{5}$/);
  });

  it('watches resume from a resourceVersion and a too-old one is 410 Gone', async () => {
    const gone = await call('GET', '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1');
    assert.equal(gone.code, 410);
    assert.equal(gone.json().reason, 'Expired');
    const list = (await call('GET', '/api/v1/namespaces/default/configmaps')).json();
    const rv = (list.metadata as { resourceVersion: string }).resourceVersion;
    const events: string[] = [];
    let arrived: () => void = () => undefined;
    const got = new Promise<void>((done) => (arrived = done));
    const req = request(`${server.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, {
      ca: server.certificate,
      headers: { Authorization: `Bearer ${server.token}` },
    });
    // The watch is registered before its response headers are sent.
    const opened = new Promise<void>((done) =>
      req.on('response', (res) => {
        done();
        res.on('data', (d: Buffer) => {
          events.push(...d.toString().trim().split('\n'));
          arrived();
        });
      }),
    );
    req.end();
    await opened;
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } }),
    });
    await got;
    req.destroy();
    const first = JSON.parse(events[0]) as { type: string; object: { metadata: { name: string } } };
    assert.equal(first.type, 'ADDED');
    assert.equal(first.object.metadata.name, 'watched');
  });

  it('unknown paths are 404 Status objects, never a crash', async () => {
    const r = await call('GET', '/apis/nope.example.com/v1/things');
    assert.equal(r.code, 404);
    assert.equal(r.json().kind, 'Status');
    assert.equal((await call('GET', '/version')).code, 200);
  });
});
