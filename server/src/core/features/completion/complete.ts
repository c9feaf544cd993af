/**
 * Completion at a position: works out what is being typed from the text (see yaml/cursor.ts), then
 * asks the schema, the workspace and the document itself for candidates.
 */
import type { Position } from '../../types';
import { documentInfo, type FeatureRequest } from '../request';
import type { CompletionEntry } from '../types';
import { cursorContext } from '../yaml/cursor';
import { fieldItems } from './fieldItems';
import { apiVersionValueItems, kindPairItems, kindValueItems } from './kindItems';
import { labelKeyItems, labelValueItems } from './labelItems';
import { referenceValueItems } from './referenceItems';
import { fieldAt, isScalarType, type CompletionOptions, type CompletionScope } from './scope';
import { snippetItems } from './snippetItems';
import { namespaceItems, schemaValueItems } from './valueItems';

export function complete(req: FeatureRequest, position: Position, options: CompletionOptions): CompletionEntry[] {
  const ctx = cursorContext(req.file, position);
  if (ctx.kind === 'none') return [];
  const scope: CompletionScope = { req, ctx, info: documentInfo(req, ctx.lines), snippets: options.snippets };
  const items = ctx.kind === 'value' ? valueItems(scope) : keyItems(scope, options);
  if (ctx.valueLead) for (const item of items) item.insertText = ctx.valueLead + item.insertText;
  return dedupe(items);
}

function keyItems(scope: CompletionScope, options: CompletionOptions): CompletionEntry[] {
  const { ctx, info } = scope;
  if (ctx.path.length === 0 && !info.kind) {
    const out = kindPairItems(scope);
    const present = new Set(ctx.siblings.map((s) => s.key));
    for (const key of ['apiVersion', 'kind', 'metadata']) {
      if (present.has(key)) continue;
      const text = ctx.keyHasColon ? key : key === 'metadata' ? `metadata:\n${' '.repeat(ctx.column + 2)}` : `${key}: `;
      out.push({ label: key, kind: 'field', insertText: text, snippet: false, range: ctx.range, sortText: `0${key}` });
    }
    if (options.resourceSnippets) out.push(...snippetItems(scope));
    return out;
  }
  const last = ctx.path[ctx.path.length - 1];
  if (ctx.listItem && typeof last === 'number') {
    // `- |` in a list of scalars: the item's value
    const item = fieldAt(scope, ctx.path);
    if (item && isScalarType(item.type)) return [...schemaValueItems(scope, item), ...referenceValueItems(scope)];
  }
  return [...labelKeyItems(scope), ...fieldItems(scope)];
}

function valueItems(scope: CompletionScope): CompletionEntry[] {
  const path = scope.ctx.path;
  if (path.length === 1 && path[0] === 'kind') return kindValueItems(scope);
  if (path.length === 1 && path[0] === 'apiVersion') return apiVersionValueItems(scope);
  const out = [...referenceValueItems(scope), ...labelValueItems(scope)];
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace') out.push(...namespaceItems(scope));
  const field = fieldAt(scope, path);
  if (field) out.push(...schemaValueItems(scope, field));
  return out;
}

function dedupe(items: CompletionEntry[]): CompletionEntry[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.kind === 'kind' ? i.detail : ''}\u0000${i.label}\u0000${i.insertText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
