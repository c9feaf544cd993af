/**
 * The best-practice pack over the real-world corpus (each folder a workspace): counts per rule as a
 * sanity check (real manifests trip most rules), and with the pack off nothing changes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/core/analysis/settings';
import { PACK_RULES } from '../../server/src/core/rules/pack';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import { corpusFolders, corpusRoot } from '../workspace/corpusScan';

/** The corpus next to the checkout (or next to any folder above it, for worktrees). */
function findCorpus(): string | undefined {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpus', 'real-world');
    if (existsSync(candidate)) return candidate;
  }
  return corpusRoot();
}

const root = findCorpus();

/** Every diagnostic of the corpus as `file:line [code] message`, under the given raw settings. */
function scan(corpus: string, settings: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const { files } of corpusFolders(corpus)) {
    const service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
    service.setSettings(normalizeSettings(settings));
    const uris = files.map((f) => pathToFileURL(f).href);
    files.forEach((f, i) => service.update(uris[i], readFileSync(f, 'utf8'), 1));
    files.forEach((f, i) => {
      for (const d of service.diagnostics(uris[i])) out.push(`${relative(corpus, f)}:${d.range.start.line + 1} [${d.code}] ${d.message}`);
    });
  }
  return out;
}

describe('best-practice pack on the real-world corpus', { skip: root ? false : 'corpus not found' }, () => {
  it('finds something for most rules; with the pack off the output is what it was', () => {
    const corpus = root as string;
    const off = scan(corpus, {});
    const on = scan(corpus, { presets: ['all'] });
    const isPack = (line: string): boolean => PACK_RULES.some((r) => line.includes(`[${r.id}]`));
    assert.deepEqual(off.filter(isPack), [], 'no pack rule reports while the pack is off');
    assert.deepEqual(
      off.filter((l) => l.includes('[pod-security]')),
      [],
      'no corpus namespace sets Pod Security labels',
    );
    assert.deepEqual(
      on.filter((l) => !isPack(l)),
      off,
      'the pack adds diagnostics and changes no other',
    );
    const counts = new Map(PACK_RULES.map((r) => [r.id, 0]));
    for (const line of on) {
      const code = /\[([a-z0-9-]+)\]/.exec(line)?.[1] ?? '';
      if (counts.has(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const table = [...counts].map(([id, n]) => `${id.padEnd(34)} ${n}`).join('\n');
    console.log(`pack findings on the real-world corpus:\n${table}`);
    const silent = [...counts].filter(([, n]) => n === 0).map(([id]) => id);
    assert.ok(silent.length <= 8, `rules with no finding: ${silent.join(', ')}`);
    for (const common of [
      'latest-tag',
      'unset-cpu-requirements',
      'unset-memory-requirements',
      'no-liveness-probe',
      'run-as-non-root',
      'no-read-only-root-fs',
      'default-service-account',
      'use-namespace',
    ]) {
      assert.ok((counts.get(common) ?? 0) > 10, `${common}: ${counts.get(common)}`);
    }
  });
});
