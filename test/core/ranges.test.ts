import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { resourceRange, resourcesOf } from '../../server/src/core/model/resource';
import { coveredText, runChecks, yaml } from '../rules/helpers';

/** The text a range covers, lines joined with `\n` whatever the file's line ends are. */
function covered(text: string, path: (string | number)[]): string {
  const [resource] = resourcesOf(parseFile('file:///ranges.yaml', text));
  const range = resourceRange(resource, path);
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const from = line === range.start.line ? range.start.character : 0;
    const to = line === range.end.line ? range.end.character : lines[line].length;
    out.push(lines[line].slice(from, to));
  }
  return out.join('\n');
}

const head = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  selector:', '    matchLabels:'];

describe('value ranges end at the value’s last character', () => {
  it('leaves out an inline comment after the last value', () => {
    assert.equal(covered(yaml(...head, '      app: web   # the front end', '  replicas: 2'), ['spec', 'selector']), 'matchLabels:\n      app: web');
  });

  it('leaves out comment lines, blank lines and the next key’s indentation', () => {
    const text = yaml(...head, '      app: web', '', '    # more to come', '  template: {}');
    assert.equal(covered(text, ['spec', 'selector']), 'matchLabels:\n      app: web');
    assert.equal(covered(text, ['spec', 'selector', 'matchLabels']), 'app: web');
  });

  it('handles CRLF files, sequences and block scalars', () => {
    assert.equal(covered([...head, '      app: web', '  template: {}', ''].join('\r\n'), ['spec', 'selector']), 'matchLabels:\n      app: web');
    const seq = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '    - name: a',
      '      image: nginx  # pinned later',
      '  # done',
      'status: {}',
    );
    assert.equal(covered(seq, ['spec', 'containers']), '- name: a\n      image: nginx');
    assert.equal(covered(seq, ['spec', 'containers', 0]), 'name: a\n      image: nginx');
    const block = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  a: |', '    one', '    two', '', '  b: x');
    assert.equal(covered(block, ['data', 'a']), '|\n    one\n    two');
  });

  it('applies to diagnostics: the selector-mismatch squiggle stops at the selector’s last label', () => {
    const text = yaml(
      ...head,
      '      app: web # front',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers: [{name: web, image: nginx}]',
    );
    const [mismatch] = runChecks(text).filter((d) => d.code === 'selector-mismatch');
    assert.ok(mismatch, 'selector-mismatch is reported');
    assert.equal(coveredText(text, mismatch), 'matchLabels:\n      app: web');
  });
});
