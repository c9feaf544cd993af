import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodedLength, isSecretValuePath, MASK, maskedValue, maskSecret } from '../../server/src/core/model/secrets';
import { openAndWait, startedServer } from './helpers';

const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    labels: { app: 'db' },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}',
      team: 'storage',
    },
  },
  type: 'Opaque',
  data: { password: 'aHVudGVyMg==', token: 'c2VjcmV0LXRva2Vu\n' },
  stringData: { 'config.yaml': 'user: admin\npassword: hunter2\n', empty: '' },
};

describe('maskSecret', () => {
  it('masks every data and stringData value with its decoded size, keeps keys and everything else', () => {
    const masked = maskSecret(SECRET);
    assert.deepEqual(masked, {
      ...SECRET,
      metadata: { ...SECRET.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': MASK, team: 'storage' } },
      data: { password: `${MASK} (7 bytes)`, token: `${MASK} (12 bytes)` },
      stringData: { 'config.yaml': `${MASK} (30 bytes)`, empty: `${MASK} (0 bytes)` },
    });
    assert.ok(!JSON.stringify(masked).includes('hunter2') && !JSON.stringify(masked).includes('aHVudGVyMg'), 'no value survives');
  });

  it('never mutates its input and reveals on request', () => {
    const before = JSON.stringify(SECRET);
    maskSecret(SECRET);
    assert.equal(JSON.stringify(SECRET), before);
    assert.equal(maskSecret(SECRET, { reveal: true }), SECRET);
  });

  it('masks values of the wrong shape too, and Secrets inside lists', () => {
    assert.deepEqual(maskSecret({ apiVersion: 'v1', kind: 'Secret', data: 'plain text', stringData: { n: 42 } }), {
      apiVersion: 'v1',
      kind: 'Secret',
      data: MASK,
      stringData: { n: MASK },
    });
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } }, SECRET] };
    const masked = maskSecret(list);
    assert.equal(masked.items[0], list.items[0], 'other items are untouched');
    assert.deepEqual((masked.items[1] as typeof SECRET).data, { password: `${MASK} (7 bytes)`, token: `${MASK} (12 bytes)` });
  });

  it('leaves everything that is not a core Secret as it is', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', data: { password: 'not secret' } };
    assert.equal(maskSecret(configMap), configMap);
    const custom = { apiVersion: 'example.com/v1', kind: 'Secret', data: { a: 'b' } };
    assert.equal(maskSecret(custom), custom);
    assert.equal(maskSecret(null), null);
    assert.equal(maskSecret('text'), 'text');
  });

  it('sizes and paths', () => {
    assert.equal(decodedLength('aGk='), 2);
    assert.equal(decodedLength('aGVsbG8gd29ybGQ='), 11);
    assert.equal(decodedLength(''), 0);
    assert.equal(maskedValue('€', 'text'), `${MASK} (3 bytes)`);
    assert.equal(maskedValue('aGk=', 'base64'), `${MASK} (2 bytes)`);
    assert.equal(isSecretValuePath(SECRET, ['data', 'password']), true);
    assert.equal(isSecretValuePath(SECRET, ['stringData', 'config.yaml']), true);
    assert.equal(isSecretValuePath(SECRET, ['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration']), true);
    assert.equal(isSecretValuePath(SECRET, ['data']), false);
    assert.equal(isSecretValuePath(SECRET, ['metadata', 'name']), false);
    assert.equal(isSecretValuePath({ kind: 'ConfigMap', data: { a: 'b' } }, ['data', 'a']), false);
  });
});

describe('the server log never holds document text', () => {
  it('opening, editing and querying a Secret logs none of its values, also when an edit breaks the YAML', async () => {
    const lsp = await startedServer();
    const logs: string[] = [];
    lsp.client.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const uri = 'file:///ws/secret.yaml';
    const text =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\nstringData:\n  token: s3cr3t-t0ken-value\n  bad: [not, a, string]\n';
    try {
      await openAndWait(lsp, uri, text);
      for (let line = 0; line < 9; line++) {
        await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
        await lsp.request('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
      }
      // A broken edit: the parser reports, the log stays clean.
      const broken = lsp.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
      await lsp.change(uri, `${text}  token: [s3cr3t-t0ken-value\n`, 2);
      await broken;
      await lsp.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
        context: { diagnostics: [] },
      });
    } finally {
      process.stderr.write = write;
      await lsp.dispose();
    }
    const everything = [...logs, ...written].join('\n');
    for (const value of ['aHVudGVyMg', 'hunter2', 's3cr3t-t0ken-value']) assert.ok(!everything.includes(value), `the log holds ${value}:\n${everything}`);
  });
});
