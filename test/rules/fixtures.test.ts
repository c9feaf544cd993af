/**
 * Runs every annotated fixture under test/rules/cases/ through the pipeline's check loop and compares
 * the diagnostics with the fixture's markers (format: fixtureFormat.ts). `UPDATE_FIXTURES=1` rewrites
 * the markers from what the checks report instead of comparing — review the diff before committing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DOCUMENT_CHECKS } from '../../server/src/core/rules/index';
import type { Severity } from '../../server/src/core/types';
import { asExpected, parseFixture, renderFixture } from './fixtureFormat';
import { runChecks } from './helpers';

const CASES = resolve(__dirname, '../../../test/rules/cases');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

function severityOf(code: string): Severity {
  return DOCUMENT_CHECKS.find((c) => c.id === code)?.defaultSeverity ?? 'error';
}

const files = fixtureFiles(CASES);

describe('document checks: annotated fixtures', () => {
  for (const file of files) {
    it(relative(CASES, file), () => {
      const text = readFileSync(file, 'utf8');
      const fixture = parseFixture(text);
      const found = runChecks(fixture.source, fixture.options);
      if (UPDATE) {
        const updated = renderFixture(fixture.source, fixture.options, found, severityOf);
        if (updated !== text) writeFileSync(file, updated);
        return;
      }
      const byPosition = (a: { startLine: number; startCharacter: number; code: string; message: string }, b: typeof a): number =>
        a.startLine - b.startLine || a.startCharacter - b.startCharacter || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
      const actual = found.map((d) => asExpected(d, severityOf(String(d.code)))).sort(byPosition);
      assert.deepEqual(actual, [...fixture.expected].sort(byPosition));
    });
  }
});

describe('document checks: fixture coverage', () => {
  const sources = files.map((f) => parseFixture(readFileSync(f, 'utf8')));
  for (const check of DOCUMENT_CHECKS) {
    it(`${check.name} reports something in some fixture`, () => {
      const hits = sources.reduce((n, f) => n + runChecks(f.source, { ...f.options, checks: [check] }).length, 0);
      assert.ok(hits > 0, `no fixture under test/rules/cases exercises the check '${check.name}'`);
    });
  }
});
