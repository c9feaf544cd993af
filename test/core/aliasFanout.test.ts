import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALIAS_FANOUT_MESSAGE, exceedsAliasExpansion } from '../../server/src/core/parse/aliasExpansion';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { parseDocument } from 'yaml';

/** A Pod whose containers all alias one big anchored list (the fan-out shape of the attack, scaled). */
function fanOut(items: number, aliases: number): string {
  const list = Array.from({ length: items }, (_, i) => `    - a${i}`).join('\n');
  const containers = Array.from({ length: aliases }, (_, i) => `    - name: c${i}\n      image: nginx\n      args: *big`).join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: fan\nx-args: &big\n${list}\nspec:\n  containers:\n${containers}\n`;
}

describe('alias fan-out guard', () => {
  it('a document whose aliases expand to 200,000 extra nodes is reported, not expanded', () => {
    const file = parseFile('file:///ws/fan.yaml', fanOut(20_000, 10));
    assert.deepEqual(
      file.syntaxDiagnostics.map((d) => [d.severity, d.message]),
      [['error', ALIAS_FANOUT_MESSAGE]],
    );
    assert.equal(file.documents[0].value, undefined);
  });

  it('ordinary anchors and aliases are expanded as before', () => {
    const file = parseFile('file:///ws/ok.yaml', fanOut(50, 10));
    assert.deepEqual(file.syntaxDiagnostics, []);
    const value = file.documents[0].value as { spec: { containers: { args: string[] }[] } };
    assert.equal(value.spec.containers[9].args.length, 50);
  });

  it('counts nested aliases at their expanded size, in document order', () => {
    // Each level aliases the previous one twice: 2^17 copies of the leaf list.
    const levels = ['l0: &l0 [a, b, c]'];
    for (let i = 1; i <= 17; i++) levels.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    assert.equal(exceedsAliasExpansion(parseDocument(levels.join('\n'))), true);
    assert.equal(exceedsAliasExpansion(parseDocument(levels.slice(0, 8).join('\n'))), false);
  });
});
