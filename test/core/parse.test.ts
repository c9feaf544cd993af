import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { resourcesOf } from '../../server/src/core/model/resource';
import { fieldPath } from '../../server/src/core/model/locate';
import { resourceRange } from '../../server/src/core/model/resource';

describe('parseFile', () => {
  it('reports each syntax error at its own range and still reads the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n';
    const file = parseFile('file:///x.yaml', text);
    assert.equal(file.documents.length, 3);
    assert.ok(file.syntaxDiagnostics.length >= 1);
    assert.ok(file.syntaxDiagnostics.every((d) => d.code === 'yaml-syntax' && d.range.start.line >= 5 && d.range.start.line <= 9));
    assert.deepEqual(
      resourcesOf(file).map((r) => r.kind),
      ['ConfigMap', 'Secret'],
    );
  });

  it('reports a duplicate key on the second occurrence', () => {
    const file = parseFile('file:///x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n');
    const dup = file.syntaxDiagnostics.filter((d) => d.code === 'duplicate-key');
    assert.equal(dup.length, 1);
    assert.deepEqual(dup[0].range, { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } });
  });

  it('reads YAML 1.1 booleans like Kubernetes but keeps keys and timestamps as strings', () => {
    const file = parseFile('file:///x.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  on: yes\n  n: "1"\n  date: 2020-01-01\n');
    const [r] = resourcesOf(file);
    assert.deepEqual(r.object.data, { on: true, n: '1', date: '2020-01-01' });
  });

  it('refuses alias bombs with a diagnostic instead of expanding them', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const file = parseFile('file:///bomb.yaml', lines.join('\n'));
    assert.equal(file.documents[0].value, undefined);
    assert.match(file.syntaxDiagnostics[0].message, /alias/i);
  });

  it('maps JSON paths to key and value ranges', () => {
    const file = parseFile('file:///x.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n');
    const [r] = resourcesOf(file);
    assert.deepEqual(resourceRange(r, ['spec', 'containers', 0, 'image'], 'value'), { start: { line: 5, character: 13 }, end: { line: 5, character: 18 } });
    assert.deepEqual(resourceRange(r, ['spec', 'containers', 0, 'image'], 'key'), { start: { line: 5, character: 6 }, end: { line: 5, character: 11 } });
    // missing field: the deepest existing key
    assert.deepEqual(resourceRange(r, ['spec', 'containers', 0, 'ports', 0], 'value').start, { line: 4, character: 6 });
    assert.equal(fieldPath(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
  });
});

describe('incremental parsing', () => {
  const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
  const b = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n  name: b2\n';
  it('reuses unchanged documents and places them at their new offsets', () => {
    const v1 = parseFile('file:///x.yaml', `${a}---\n${b}`, 1);
    const v2 = parseFile('file:///x.yaml', `# header\n${a.replace('name: a', 'name: aa')}---\n${b}`, 2, { previous: v1 });
    assert.equal(v2.documents.length, 2);
    assert.notEqual(v2.documents[0].doc, v1.documents[0].doc, 'the edited document is parsed again');
    assert.equal(v2.documents[1].doc, v1.documents[1].doc, 'the unchanged document is reused');
    const dup = v2.syntaxDiagnostics.find((d) => d.code === 'duplicate-key');
    assert.deepEqual(dup?.range.start, { line: 10, character: 2 });
    const [, secret] = resourcesOf(v2);
    assert.deepEqual(resourceRange(secret, ['metadata', 'name'], 'value').start, { line: 9, character: 8 });
  });

  it('keeps two identical documents apart', () => {
    const text = `${a}---\n${a}---\n${a}`;
    const v1 = parseFile('file:///x.yaml', text, 1);
    const v2 = parseFile('file:///x.yaml', text + '---\n' + a, 2, { previous: v1 });
    assert.equal(v2.documents.length, 4);
    assert.deepEqual(
      resourcesOf(v2).map((r) => r.range.start.line),
      [0, 5, 10, 15],
    );
  });
});
