import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { cursorContext } from '../../server/src/core/features/yaml/cursor';
import { atCursor } from './cursorText';

function context(fixture: string, marker = '|') {
  const { text, position } = atCursor(fixture, marker);
  return cursorContext(parseFile('file:///t.yaml', text, 1), position);
}

const DEPLOYMENT_HEAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n';

describe('cursor context from incomplete YAML', () => {
  it('finds the mapping of a partial key inside a list item', () => {
    const c = context(DEPLOYMENT_HEAD + '        - name: a\n          conta|\n');
    assert.equal(c.kind, 'key');
    assert.deepEqual(c.path, ['spec', 'template', 'spec', 'containers', 0]);
    assert.equal(c.prefix, 'conta');
    assert.deepEqual(c.range, { start: { line: 9, character: 10 }, end: { line: 9, character: 15 } });
    assert.deepEqual(
      c.siblings.map((s) => s.key),
      ['name'],
    );
  });

  it('counts earlier items for the index of a later list item', () => {
    const c = context(DEPLOYMENT_HEAD + '        - name: a\n          image: x\n        - name: b\n          |\n');
    assert.equal(c.kind, 'key');
    assert.deepEqual(c.path, ['spec', 'template', 'spec', 'containers', 1]);
    assert.equal(c.column, 10);
  });

  it('reads the value being typed after a key', () => {
    const c = context(DEPLOYMENT_HEAD + '        - name: a\n          imagePullPolicy: If|\n');
    assert.equal(c.kind, 'value');
    assert.deepEqual(c.path, ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
    assert.equal(c.prefix, 'If');
    assert.deepEqual(c.range.start, { line: 9, character: 27 });
  });

  it('handles lists written at the key column (compact sequences)', () => {
    const c = context('kind: Pod\nspec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n      |\n');
    assert.deepEqual(c.path, ['spec', 'containers', 0, 'ports', 0]);
    const d = context('kind: Pod\nspec:\n  containers:\n  - name: a\n  volumes:\n  - name: v\n  - |\n');
    assert.equal(d.kind, 'key');
    assert.deepEqual(d.path, ['spec', 'volumes', 1]);
    assert.equal(d.listItem, true);
    assert.deepEqual(d.siblings, []);
  });

  it('works on a blank line by the cursor column', () => {
    assert.deepEqual(context('kind: Service\nspec:\n  ports:\n    - port: 80\n  |\n').path, ['spec']);
    assert.deepEqual(context('kind: Service\nspec:\n  ports:\n    - port: 80\n|\n').path, []);
    assert.deepEqual(context('kind: Service\nspec:\n  ports:\n    - port: 80\n      |\n').path, ['spec', 'ports', 0]);
  });

  it('sees only its own document of a stream', () => {
    const c = context('kind: Service\nspec:\n  selector:\n---\nkind: ConfigMap\n  |\n');
    assert.deepEqual(c.path, []);
    assert.equal(c.lines.startLine, 4);
  });

  it('gives nothing inside block scalars and comments', () => {
    assert.equal(context('kind: ConfigMap\ndata:\n  script: |\n    echo ¦\n', '¦').kind, 'none');
    assert.equal(context('kind: ConfigMap\ndata:\n  script: |\n    echo\n    ¦\n', '¦').kind, 'none');
    assert.equal(context('kind: ConfigMap\ndata:\n  a: b # com|\n').kind, 'none');
    const after = context('kind: ConfigMap\ndata:\n  script: |\n    echo\n  ¦\n', '¦');
    assert.equal(after.kind, 'key');
    assert.deepEqual(after.path, ['data']);
  });

  it('replaces only the key word when the key already has a colon', () => {
    const c = context('kind: Pod\nspec:\n  restart|Policy: Never\n');
    assert.equal(c.kind, 'key');
    assert.equal(c.keyHasColon, true);
    assert.deepEqual(c.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 15 } });
  });

  it('treats a dash line whose item is a scalar as a key position of a new item', () => {
    const c = context('kind: PersistentVolumeClaim\nspec:\n  accessModes:\n    - |\n');
    assert.equal(c.kind, 'key');
    assert.equal(c.listItem, true);
    assert.deepEqual(c.path, ['spec', 'accessModes', 0]);
  });

  it('finds the value path of a key on a list item line', () => {
    const c = context('kind: Pod\nspec:\n  containers:\n    - name: a\n      envFrom:\n        - configMapRef:\n            name: |\n');
    assert.equal(c.kind, 'value');
    assert.deepEqual(c.path, ['spec', 'containers', 0, 'envFrom', 0, 'configMapRef', 'name']);
  });

  it('lists sibling keys above and below, skipping nested blocks', () => {
    const c = context('kind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n  |\n  namespace: b\nspec: {}\n');
    assert.deepEqual(c.siblings.map((s) => s.key).sort(), ['labels', 'name', 'namespace']);
  });
});
