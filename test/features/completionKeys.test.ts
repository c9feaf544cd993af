import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureWorkspace, labels } from './workspace';

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n';

describe('completion of schema keys', () => {
  it('offers the fields of a container while a key is half typed, without the ones present', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///a.yaml', POD_HEAD + '    - name: a\n      ima|\n');
    const names = labels(items);
    assert.ok(names.includes('image'), names.join(','));
    assert.ok(names.includes('imagePullPolicy'));
    assert.ok(!names.includes('name'), 'name is already there');
    const image = items.find((i) => i.label === 'image');
    assert.deepEqual(image?.range, { start: { line: 7, character: 6 }, end: { line: 7, character: 9 } });
    assert.equal(image?.insertText, 'image: $0');
  });

  it('puts required fields first and inserts lists of objects as snippets with their required fields', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///b.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  |\n');
    const containers = items.find((i) => i.label === 'containers');
    assert.ok(containers);
    assert.equal(containers.detail, '[]Container (required)');
    assert.equal(containers.insertText, 'containers:\n    - name: $1');
    assert.equal(containers.snippet, true);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0].label, 'containers');
  });

  it('inserts plain text for clients without snippet support', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///c.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  |\n', {
      snippets: false,
      resourceSnippets: false,
    });
    const selector = items.find((i) => i.label === 'selector');
    assert.equal(selector?.insertText, 'selector:\n    ');
    assert.equal(selector?.snippet, false);
    assert.equal(items.find((i) => i.label === 'replicas')?.insertText, 'replicas: ');
  });

  it('offers enum values after a key and inserts a space after a bare colon', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///d.yaml', POD_HEAD + '    - name: a\n      imagePullPolicy:|\n');
    assert.deepEqual(labels(items).sort(), ['Always', 'IfNotPresent', 'Never']);
    assert.ok(items.every((i) => i.insertText.startsWith(' ')));
  });

  it('offers enum values of list items', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///e.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes:\n    - |\n');
    assert.ok(labels(items).includes('ReadWriteOnce'), labels(items).join(','));
  });
});

describe('completion while typing', () => {
  it("completes in a list written at its key's column", () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///f.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    |\n');
    assert.ok(labels(items).includes('image'));
  });

  it("completes the first key of a new list item with the item's fields", () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///g.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n    - |\n');
    const port = items.find((i) => i.label === 'port');
    assert.equal(port?.detail, 'integer (required)');
    assert.equal(port?.insertText, 'port: $0');
  });

  it('offers resource names in requests and limits', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///l.yaml', POD_HEAD + '    - name: a\n      resources:\n        limits:\n          cpu: 500m\n          |\n');
    assert.deepEqual(labels(items), ['memory', 'ephemeral-storage', 'storage']);
  });

  it('works with CRLF line endings', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///h.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  restartPolicy: |\r\n');
    assert.deepEqual(labels(items).sort(), ['Always', 'Never', 'OnFailure']);
  });

  it('completes top-level keys of a known kind and leaves out status', () => {
    const ws = new FeatureWorkspace();
    const names = labels(ws.complete('file:///i.yaml', 'apiVersion: v1\nkind: ConfigMap\n|\n'));
    assert.deepEqual(names.sort(), ['binaryData', 'data', 'immutable', 'metadata']);
  });

  it('gives nothing for kinds without a schema and inside block scalars', () => {
    const ws = new FeatureWorkspace();
    assert.deepEqual(ws.complete('file:///j.yaml', 'apiVersion: example.com/v1\nkind: Widget\nspec:\n  |\n'), []);
    assert.deepEqual(ws.complete('file:///k.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    ec¦\n', undefined, '¦'), []);
  });
});
