/**
 * Seeds and audits schemas/removed-apis.json by comparing the definitions of every Kubernetes
 * version in a source folder (v1.14.0 … v1.36.0):
 *
 *   node scripts/run-ts.mjs scripts/schemas/servedApis.ts [--source DIR]
 *
 * It prints, for every apiVersion/kind that disappears from the definitions, the seed entry
 * (last version present, first version absent, a same-kind replacement) and whether the committed
 * table agrees. The definitions lag behind the real removals for the early APIs (they kept types
 * that were no longer served by default), so the committed table is corrected by hand from the
 * official deprecation guide; the report shows those corrections as differences.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import { authorableKinds, type SourceSchema } from './convert';

interface Span {
  first: number;
  last: number;
}

function minor(folder: string): number {
  return Number(/^v1\.(\d+)\.0$/.exec(folder)?.[1] ?? NaN);
}

export function servedSpans(sourceDir: string): { spans: Map<string, Span>; newest: number } {
  const folders = readdirSync(sourceDir).filter((f) => !Number.isNaN(minor(f))).sort((a, b) => minor(a) - minor(b));
  const spans = new Map<string, Span>();
  let newest = 0;
  for (const folder of folders) {
    const m = minor(folder);
    newest = Math.max(newest, m);
    const defs = (JSON.parse(readFileSync(join(sourceDir, folder, '_definitions.json'), 'utf8')) as { definitions: Record<string, SourceSchema> }).definitions;
    for (const entry of authorableKinds(defs, {})) {
      const key = `${entry.apiVersion} ${entry.kind}`;
      const span = spans.get(key);
      if (span) span.last = m;
      else spans.set(key, { first: m, last: m });
    }
  }
  return { spans, newest };
}

const STABILITY = (version: string): number => {
  const m = /^v(\d+)(alpha|beta)?(\d*)$/.exec(version);
  if (!m) return 0;
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return level * 10000 + Number(m[1]) * 100 + Number(m[3] || 0);
};

interface RemovedEntry {
  apiVersion: string;
  kind: string;
  removedIn?: string;
  replacement?: string;
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--source');
  const sourceDir = resolve(flag >= 0 ? args[flag + 1] : (process.env.SHIPSHAPE_OPENAPI_DIR ?? join(findSchemaDir(__dirname), '..', '..', 'shared', 'k8s-openapi')));
  const { spans, newest } = servedSpans(sourceDir);
  const committed = JSON.parse(readFileSync(join(findSchemaDir(__dirname), 'removed-apis.json'), 'utf8')) as { apis: RemovedEntry[] };
  const byKey = new Map(committed.apis.map((e) => [`${e.apiVersion} ${e.kind}`, e]));
  for (const [key, span] of [...spans].sort()) {
    if (span.last === newest) continue;
    const [apiVersion, kind] = key.split(' ');
    const candidates = [...spans].filter(([k, s]) => k.endsWith(` ${kind}`) && k !== key && s.last === newest).map(([k]) => k.split(' ')[0]);
    candidates.sort((a, b) => STABILITY(b.split('/').pop() ?? '') - STABILITY(a.split('/').pop() ?? ''));
    const seed = { apiVersion, kind, lastServedIn: `1.${span.last}`, removedIn: `1.${span.last + 1}`, replacement: candidates[0] };
    const entry = byKey.get(key);
    const verdict = !entry ? 'MISSING from removed-apis.json' : entry.removedIn === seed.removedIn ? 'agrees' : `table says removed in ${entry.removedIn} (hand-corrected)`;
    console.log(`${key.padEnd(62)} served 1.${span.first}–1.${span.last}, seed removedIn ${seed.removedIn}, replacement ${seed.replacement ?? '-'}: ${verdict}`);
  }
}

if (/servedApis\.(c?js|ts)$/.test(process.argv[1] ?? "")) main();
