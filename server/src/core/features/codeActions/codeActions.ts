/**
 * Quick fixes for Shipshape diagnostics, read from their `data` (path, documentIndex, suggestion,
 * missingField), and "disable <rule> for this line" for every diagnostic.
 */
import type { Diagnostic, Range } from '../../types';
import type { FeatureRequest } from '../request';
import type { CodeActionEntry } from '../types';
import { apiVersionFix } from './apiVersionFix';
import { dataFix } from './dataFixes';
import { fileFix, fixContext, rangeIsKey, type FixContext } from './fixContext';
import { addKeyFix, createMissingFix } from './missingObjectFixes';
import { requiredFieldFix, unknownFieldFix } from './schemaFixes';
import { selectorFixes } from './selectorFixes';
import { replaceValue } from './yamlEdits';
import { yamlString } from '../yaml/scalar';

export function codeActions(req: FeatureRequest, _range: Range, diagnostics: readonly Diagnostic[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'shipshape') continue;
    const ctx = fixContext(req, d);
    if (ctx) {
      try {
        out.push(...fixesFor(ctx));
      } catch {
        // A fix that cannot be computed is left out; the other fixes and "disable" remain.
      }
    }
    const disable = disableLineAction(req, d);
    if (disable) out.push(disable);
  }
  return out;
}

function fixesFor(ctx: FixContext): CodeActionEntry[] {
  const one = (a: CodeActionEntry | undefined): CodeActionEntry[] => (a ? [a] : []);
  switch (ctx.diagnostic.code) {
    case 'schema':
      return [...one(unknownFieldFix(ctx)), ...one(requiredFieldFix(ctx))];
    case 'removed-api':
    case 'deprecated-api':
      return one(apiVersionFix(ctx));
    case 'selector-mismatch':
      return selectorFixes(ctx);
    case 'missing-configmap':
    case 'missing-secret':
    case 'missing-pvc':
    case 'missing-service-account':
      return [...one(suggestionFix(ctx)), ...one(createMissingFix(ctx))];
    case 'missing-configmap-key':
    case 'missing-secret-key':
      return [...one(suggestionFix(ctx)), ...one(addKeyFix(ctx))];
    default:
      return [...one(dataFix(ctx)), ...one(suggestionFix(ctx))];
  }
}

/** "Did you mean 'x'?" on a value: replace it with the suggestion. */
function suggestionFix(ctx: FixContext): CodeActionEntry | undefined {
  const suggestion = ctx.diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string' || rangeIsKey(ctx)) return undefined;
  const edit = replaceValue(ctx.doc, ctx.path, yamlString(suggestion));
  return edit ? fileFix(ctx, `Change to '${suggestion}'`, [edit], true) : undefined;
}

const DISABLE = /^(\s*)#\s*shipshape-disable-next-line\b(.*)$/;

/** `# shipshape-disable-next-line <rule>` above the diagnostic's line, indented like it; extends an existing one. */
export function disableLineAction(req: FeatureRequest, d: Diagnostic): CodeActionEntry | undefined {
  const line = d.range.start.line;
  const text = req.file.lines.lineText(line);
  const title = `Disable ${d.code} for this line`;
  const previous = line > 0 ? DISABLE.exec(req.file.lines.lineText(line - 1)) : null;
  if (previous) {
    const ids = previous[2].split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0 || ids.includes(d.code)) return undefined; // already disabled for all rules or this one
    const end = { line: line - 1, character: req.file.lines.lineText(line - 1).length };
    return { title, kind: 'quickfix', diagnostic: d, edit: { changes: { [req.file.uri]: [{ range: { start: end, end }, newText: ` ${d.code}` }] } } };
  }
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const at = { line, character: 0 };
  return {
    title,
    kind: 'quickfix',
    diagnostic: d,
    edit: { changes: { [req.file.uri]: [{ range: { start: at, end: at }, newText: `${indent}# shipshape-disable-next-line ${d.code}\n` }] } },
  };
}
