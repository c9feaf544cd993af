/**
 * Every rule of the catalog has a doc page with the standard sections; each cross-resource rule's example,
 * indexed as a workspace, produces the message the doc quotes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/rules/catalog';
import { PACK_RULES } from '../../server/src/core/rules/pack';
import { crossOf, workspaceOf } from './helpers';

const DOCS = resolve(__dirname, '..', '..', '..', 'docs', 'rules');

/** The cross-resource rules, from the rule catalog: each doc's example must reproduce its quoted message. */
const PACK = new Set(PACK_RULES.map((r) => r.id));
/** (The opt-in pack's examples run with the pack enabled, in test/policy/packRules.test.ts.) */
const CROSS_RULES = RULES.filter((r) => r.crossResource && !PACK.has(r.id)).map((r) => r.id);

/** The example block as files: `# path/name.yaml` lines start a new file; otherwise one file. */
function exampleFiles(markdown: string): Record<string, string> {
  const block = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  const files: Record<string, string> = {};
  let current = 'example.yaml';
  for (const part of block.split(/^---\n/m)) {
    const header = /^# (\S+\.ya?ml)\n/.exec(part);
    if (header) current = header[1].split('/').pop() as string;
    files[current] = (files[current] ? `${files[current]}---\n` : '') + (header ? part.slice(header[0].length) : part);
  }
  return files;
}

describe('rule docs', () => {
  for (const { id } of RULES) {
    it(`${id}: has a page with what, why, an example and how to silence it`, () => {
      const path = join(DOCS, `${id}.md`);
      assert.ok(existsSync(path), `${path} exists`);
      const markdown = readFileSync(path, 'utf8');
      for (const section of ['## What it reports', '## Why it matters', '## Example']) assert.ok(markdown.includes(section), `${id}: ${section}`);
      assert.match(markdown, /^## How to (turn it on or )?silence it$/m, `${id}: how to silence it`);
      assert.ok(markdown.includes(`"${id}": "off"`), `${id}: how to turn it off`);
    });
  }

  for (const rule of CROSS_RULES) {
    it(`${rule}: the documented example produces the documented message`, () => {
      const path = join(DOCS, `${rule}.md`);
      assert.ok(existsSync(path), `${path} exists`);
      const markdown = readFileSync(path, 'utf8');
      for (const section of ['## What it reports', '## Why it matters', '## Example', '## How to silence it']) assert.ok(markdown.includes(section), section);
      for (const way of [`"${rule}": "off"`, `# shipshape-disable-next-line ${rule}`, `# shipshape-disable ${rule}`, `shipshape.dev/ignore: "${rule}"`])
        assert.ok(markdown.includes(way), way);
      const quoted = /^> (.+)$/m.exec(markdown)?.[1];
      const files = exampleFiles(markdown);
      const ws = workspaceOf(files);
      const messages = Object.keys(files).flatMap((f) =>
        crossOf(ws, f)
          .filter((d) => d.code === rule)
          .map((d) => d.message),
      );
      assert.ok(messages.includes(quoted as string), `expected ${JSON.stringify(quoted)} among ${JSON.stringify(messages)}`);
    });
  }
});
