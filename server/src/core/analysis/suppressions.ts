import type { Resource } from '../model/resource';
import type { ParsedFile } from '../parse/parseFile';
import { ruleInfo } from '../rules/catalog';
import type { AnalysisSettings } from './settings';
import type { Diagnostic } from '../types';
import { isRecord } from '../model/resource';
import { isRuleEnabled } from '../rules/pack/presets';

const NEXT_LINE = /#\s*shipshape-disable-next-line\b([^\n]*)/;
const FILE_LEVEL = /#\s*shipshape-disable(?!-)\b([^\n]*)/;
export const IGNORE_ANNOTATION = 'shipshape.dev/ignore';
/** kube-linter's per-check ignore annotation (`ignore-check.kube-linter.io/<check>`), honoured for the same rule ids. */
export const KUBE_LINTER_IGNORE_PREFIX = 'ignore-check.kube-linter.io/';

function parseIds(rest: string): Set<string> | 'all' {
  const ids = rest
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
  return ids.length === 0 ? 'all' : new Set(ids);
}

function matches(set: Set<string> | 'all', id: string): boolean {
  return set === 'all' || set.has(id);
}

/**
 * Applies `# shipshape-disable-next-line`, `# shipshape-disable`, the `shipshape.dev/ignore` annotation,
 * kube-linter's `ignore-check.kube-linter.io/<check>` annotations, the opt-in presets and the per-rule
 * severity settings. Returns the diagnostics that remain, with final severities.
 */
export function applySuppressions(file: ParsedFile, resources: readonly Resource[], diagnostics: Diagnostic[], settings: AnalysisSettings): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const nextLine = new Map<number, Set<string> | 'all'>();
  let fileLevel: Set<string> | 'all' | undefined;
  if (file.text.includes('shipshape-disable')) {
    for (let line = 0; line < file.lines.lineCount; line++) {
      const text = file.lines.lineText(line);
      if (!text.includes('shipshape-disable')) continue;
      const n = NEXT_LINE.exec(text);
      if (n) {
        nextLine.set(line + 1, parseIds(n[1]));
        continue;
      }
      const f = FILE_LEVEL.exec(text);
      if (f) {
        const ids = parseIds(f[1]);
        if (ids === 'all' || fileLevel === 'all') fileLevel = 'all';
        else fileLevel = new Set([...(fileLevel ?? []), ...ids]);
      }
    }
  }
  const annotated: { start: number; end: number; ids: Set<string> | 'all' }[] = [];
  for (const r of resources) {
    const md = r.object.metadata;
    const annotations = isRecord(md) && isRecord(md.annotations) ? md.annotations : undefined;
    if (!annotations) continue;
    const ann = annotations[IGNORE_ANNOTATION];
    if (typeof ann === 'string') annotated.push({ start: r.range.start.line, end: r.range.end.line, ids: parseIds(ann) });
    const kubeLinter = Object.keys(annotations)
      .filter((k) => k.startsWith(KUBE_LINTER_IGNORE_PREFIX))
      .map((k) => k.slice(KUBE_LINTER_IGNORE_PREFIX.length));
    if (kubeLinter.length > 0) annotated.push({ start: r.range.start.line, end: r.range.end.line, ids: new Set(kubeLinter) });
  }
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = settings.rules[d.code];
    if (!isRuleEnabled(d.code, settings)) continue;
    if (fileLevel && matches(fileLevel, d.code)) continue;
    const nl = nextLine.get(d.range.start.line);
    if (nl && matches(nl, d.code)) continue;
    if (annotated.some((a) => d.range.start.line >= a.start && d.range.start.line <= a.end && matches(a.ids, d.code))) continue;
    if (setting && setting !== 'off') out.push({ ...d, severity: setting });
    else out.push(d);
  }
  return out;
}

/** Severity a rule's diagnostics get before user overrides. */
export function defaultSeverity(id: string): Diagnostic['severity'] {
  return ruleInfo(id)?.defaultSeverity ?? 'error';
}
