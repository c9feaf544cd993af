/**
 * Quick fixes a check describes in its diagnostic's data: `data.fix = { title, edits: [{ path, entries }],
 * keepExisting? }` sets YAML entries (values as YAML text) in the mappings at the given paths. Keys
 * listed in `keepExisting` are only added where missing. Used by pod-security and the best-practice pack.
 */
import { isRecord } from '../../model/resource';
import { valueAt } from '../../rules/util/kinds';
import type { CodeActionEntry, TextEdit } from '../types';
import { fileFix, type FixContext } from './fixContext';
import { setEntries } from './yamlEdits';

interface FixEdit {
  path: (string | number)[];
  entries: [string, string][];
}

function isFixEdit(value: unknown): value is FixEdit {
  return (
    isRecord(value) &&
    Array.isArray(value.path) &&
    Array.isArray(value.entries) &&
    value.entries.every((e) => Array.isArray(e) && e.length === 2 && e.every((x) => typeof x === 'string'))
  );
}

export function dataFix(ctx: FixContext): CodeActionEntry | undefined {
  const fix = ctx.diagnostic.data?.fix;
  if (!isRecord(fix) || typeof fix.title !== 'string' || !Array.isArray(fix.edits) || !fix.edits.every(isFixEdit)) return undefined;
  const keep = new Set(Array.isArray(fix.keepExisting) ? fix.keepExisting.filter((k): k is string => typeof k === 'string') : []);
  const edits: TextEdit[] = [];
  for (const edit of fix.edits as FixEdit[]) {
    const current = valueAt(ctx.resource.object, edit.path);
    const entries = edit.entries.filter(([k]) => !(keep.has(k) && isRecord(current) && current[k] !== undefined && current[k] !== null));
    if (entries.length === 0) continue;
    const made = setEntries(ctx.doc, edit.path, entries);
    if (!made) return undefined;
    edits.push(...made);
  }
  return edits.length > 0 ? fileFix(ctx, fix.title, edits, true) : undefined;
}
