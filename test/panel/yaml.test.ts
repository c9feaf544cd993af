import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { toYaml } from '../../client/src/webview/model/yaml';
import { shopCluster } from './fixtures';

describe('live YAML', () => {
  it('writes objects that read back equal, for every object of a running cluster', () => {
    const cluster = shopCluster({ runMs: 30_000 });
    for (const obj of cluster.snapshot()) {
      const value = JSON.parse(JSON.stringify(obj)) as unknown;
      assert.deepEqual(parse(toYaml(value), { version: '1.1' }), value, `${obj.kind}/${obj.metadata.name}`);
      assert.deepEqual(parse(toYaml(value), { version: '1.2' }), value, `${obj.kind}/${obj.metadata.name} (YAML 1.2)`);
    }
  });

  it('quotes strings YAML would read as something else', () => {
    const tricky = {
      bools: ['yes', 'no', 'on', 'off', 'true', 'False', 'y', 'N'],
      numbers: ['010', '1e3', '0x1F', '.5', '-1', '+1', '1_000', '.inf', '.NaN'],
      nulls: ['null', '~', ''],
      syntax: [
        '- item',
        'a: b',
        'key:',
        '# comment',
        'x #y',
        '@at',
        '`tick',
        '*alias',
        '&anchor',
        '!tag',
        '|',
        '>',
        '%',
        '{}',
        '[]',
        "'q'",
        '"q"',
        ' lead',
        'trail ',
      ],
      text: ['multi\nline', 'tab\there', 'ünïcode ✓', '2025-01-01', '2025-01-01T00:00:00Z', '12:30', '1:02:03.5', '0b101', '<<', '='],
      keys: { 'kubernetes.io/name': 'x', 'a: b': 'y', yes: 'z', '': 'empty' },
      empty: { list: [], map: {} },
      nested: [[1, 2], [{ a: [] }], { b: [{ c: null }] }],
    };
    assert.deepEqual(parse(toYaml(tricky), { version: '1.1' }), tricky);
    assert.deepEqual(parse(toYaml(tricky), { version: '1.2' }), tricky);
  });

  it('writes block style like kubectl get -o yaml', () => {
    assert.equal(
      toYaml({ metadata: { name: 'api', labels: { app: 'api' } }, spec: { ports: [{ port: 80, name: 'http' }] } }),
      'metadata:\n  name: api\n  labels:\n    app: api\nspec:\n  ports:\n  - port: 80\n    name: http\n',
    );
  });
});
