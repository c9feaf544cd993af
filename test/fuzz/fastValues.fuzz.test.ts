import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { fastDocumentValue } from '../../server/src/core/parse/fastValues';

/** The value the yaml library reads with the YAML 1.1 rules parseFile uses (no timestamps or sexagesimals). */
function libraryValue(text: string): unknown {
  const [doc] = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    logLevel: 'error',
    customTags: (tags) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME'),
  }) as unknown as { toJS(): unknown; errors: unknown[] }[];
  return doc.toJS();
}

/** Plain scalars that sit on the boundaries of YAML 1.1's implicit types. */
const plainScalar = fc.oneof(
  fc.constantFrom(
    'y',
    'Y',
    'yes',
    'No',
    'on',
    'OFF',
    'true',
    'False',
    'null',
    'Null',
    '~',
    '0',
    '-0',
    '+1',
    '0777',
    '08',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1E-3',
    '.5',
    '1.',
    '-.inf',
    '.NaN',
    '12:30',
    '1:2:3.5',
    '2024-01-31',
    'nan',
    'Yes!',
    'onion',
    'nullable',
    'true-ish',
  ),
  fc.stringMatching(/^[A-Za-z0-9_.+~-]{1,8}$/),
);

describe('fast value path (property)', () => {
  it('reads every plain scalar as the yaml library does, as value and as list item', () => {
    fc.assert(
      fc.property(fc.array(plainScalar, { minLength: 1, maxLength: 6 }), (values) => {
        const text = `${values.map((v, i) => `k${i}: ${v}`).join('\n')}\nlist: [${values.join(', ')}]\nblock:\n${values.map((v) => `  - ${v}`).join('\n')}\n`;
        const fast = fastDocumentValue(text);
        const expected = libraryValue(text);
        // The fast path may decline (then the library reads it); when it answers, it must agree.
        if (fast) assert.deepEqual(fast.value, expected, text);
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });
});
