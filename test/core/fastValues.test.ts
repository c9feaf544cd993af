import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { splitDocuments } from '../../server/src/core/parse/chunks';
import { fastDocumentValue } from '../../server/src/core/parse/fastValues';
import { findManifests } from '../../server/src/core/fs/findManifests';

/** The value the yaml library gives, with the same YAML 1.1 rules parseFile uses. */
function slowValue(text: string): unknown {
  const [doc] = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    customTags: (tags) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME'),
  }) as ReturnType<typeof parseAllDocuments> & { toJS(): unknown }[];
  return (doc as unknown as { toJS(): unknown }).toJS();
}

const SAMPLES = [
  'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\n',
  'octal: 0755\nhex: 0x1F\nbin: 0b101\nunderscore: 1_000\nzero: 0\neight: 08\n',
  'f1: 1.5\nf2: .5\nf3: 1e3\nf4: -.inf\nf5: .NaN\nf6: 1.\n',
  'n1: ~\nn2: null\nn3:\nn4: NULL\n',
  'time: 12:30\ndate: 2020-01-01\nquoted: "yes"\nsingle: \'0755\'\n',
  'block: |\n  line one\n  line two\nfolded: >-\n  a\n  b\n',
  'flow: {a: 1, b: [x, "y", 3]}\nempty: {}\nlist: []\n',
];

describe('fast value path', () => {
  it('reads exactly what the yaml library reads, for YAML 1.1 scalars', () => {
    for (const text of SAMPLES) {
      const fast = fastDocumentValue(text);
      assert.ok(fast, `fast path declined: ${text}`);
      assert.deepEqual(fast.value, slowValue(text), text);
    }
  });

  it('declines what it cannot reproduce: anchors, tags, merge keys, boolean-like keys, duplicates, errors', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'base: {a: 1}\nother:\n  <<: {b: 2}\n', 'on: push\n', 'labels: {y: 1}\n', 'a: 1\na: 2\n', 'a: [1, 2\n', '']) {
      assert.equal(fastDocumentValue(text), undefined, text);
    }
  });

  it('agrees with the yaml library on every document of the real-world corpus', async (t) => {
    const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-world');
    if (!existsSync(corpus)) {
      t.skip(`corpus not found at ${corpus}`);
      return;
    }
    let compared = 0;
    for (const file of await findManifests(corpus)) {
      for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
        const fast = fastDocumentValue(chunk.text);
        if (!fast) continue;
        assert.deepEqual(fast.value, slowValue(chunk.text), file);
        compared++;
      }
    }
    assert.ok(compared > 300, `only ${compared} documents took the fast path`);
  });
});
