import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, type YAMLMap } from 'yaml';
import { resourceRange, resourcesOf } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { FeatureWorkspace } from '../features/workspace';

function bigConfigMap(keys: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: keys }, (_, i) => `  key${i}: value${i}`).join('\n')}\n`;
}

describe('locating keys of big maps (outline, diagnostics) is linear', () => {
  it('finding every key of a 5,000-key map reads each pair a bounded number of times', () => {
    const keys = 5000;
    const [resource] = resourcesOf(parseFile('file:///ws/big.yaml', bigConfigMap(keys)));
    const root = resource.parsed.doc.contents as YAMLMap;
    const data = root.items.find((p) => String((p.key as { value: unknown }).value) === 'data')!.value;
    assert.ok(isMap(data));
    // Count element reads of the data map's pair list while every key is located.
    let reads = 0;
    const items = data.items;
    data.items = new Proxy(items, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    for (let i = 0; i < keys; i++) resourceRange(resource, ['data', `key${i}`], 'key');
    // A scan per key (the old way) reads ~12.5 million pairs.
    assert.ok(reads <= 4 * keys, `${reads} pair reads for ${keys} keys`);
  });

  it('the outline of a ConfigMap lists every key at its own line', () => {
    const ws = new FeatureWorkspace({ 'file:///ws/big.yaml': bigConfigMap(3000) }, { withoutIndex: true });
    const [symbol] = ws.features.documentSymbols('file:///ws/big.yaml');
    assert.equal(symbol.children?.length, 3000);
    assert.equal(symbol.children?.[2999].name, 'key2999');
    assert.equal(symbol.children?.[2999].selectionRange.start.line, 5 + 2999);
  });
});
