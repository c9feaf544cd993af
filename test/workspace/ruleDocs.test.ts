/** Each cross-resource rule has a doc whose example, indexed as a workspace, produces the message the doc quotes. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { RULES as CATALOG } from '../../server/src/core/rules/catalog';
import { crossOf, workspaceOf } from './helpers';

const DOCS = resolve(__dirname, '..', '..', '..', 'docs', 'rules');

const RULES = [
  'service-no-match',
  'service-port-mismatch',
  'missing-service',
  'missing-service-port',
  'missing-configmap',
  'missing-configmap-key',
  'missing-secret',
  'missing-secret-key',
  'missing-pvc',
  'missing-service-account',
  'missing-role',
  'missing-hpa-target',
  'rbac-unknown-resource',
  'duplicate-resource',
  'networkpolicy-no-match',
  'pdb-no-match',
  'statefulset-service-not-headless',
];

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
  for (const rule of RULES) {
    it(`${rule}: the documented example produces the documented message`, () => {
      const path = join(DOCS, `${rule}.md`);
      assert.ok(existsSync(path), `${path} exists`);
      const markdown = readFileSync(path, 'utf8');
      for (const section of ['## What it reports', '## Why it matters', '## Example', '## How to silence it']) assert.ok(markdown.includes(section), section);
      for (const way of [`"${rule}": "off"`, `# shipshape-disable-next-line ${rule}`, `# shipshape-disable ${rule}`, `shipshape.dev/ignore: "${rule}"`]) assert.ok(markdown.includes(way), way);
      const quoted = /^> (.+)$/m.exec(markdown)?.[1];
      const files = exampleFiles(markdown);
      const ws = workspaceOf(files);
      const messages = Object.keys(files).flatMap((f) => crossOf(ws, f).filter((d) => d.code === rule).map((d) => d.message));
      assert.ok(messages.includes(quoted as string), `expected ${JSON.stringify(quoted)} among ${JSON.stringify(messages)}`);
    });
  }
});

describe('rule catalog', () => {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown>; markdownDescription?: string }> } };
  };
  const rulesSetting = manifest.contributes.configuration.properties['shipshape.rules'];

  it('gives every rule a settings entry, a place in the settings description and a doc page', () => {
    for (const { id } of CATALOG) {
      assert.ok(rulesSetting.properties?.[id], `package.json shipshape.rules.${id}`);
      assert.ok(rulesSetting.markdownDescription?.includes(`\`${id}\``), `${id} in the markdown list`);
      assert.ok(existsSync(join(DOCS, `${id}.md`)), `docs/rules/${id}.md`);
    }
    assert.deepEqual(Object.keys(rulesSetting.properties ?? {}).filter((id) => !CATALOG.some((r) => r.id === id)), [], 'no settings for unknown rules');
  });
});
