/**
 * Schema keys at the cursor: the properties of the object being written that are not there yet,
 * required ones first. Objects and lists are inserted as snippets with their required fields.
 */
import type { FieldInfo } from '../ports';
import type { CompletionEntry } from '../types';
import { yamlKey } from '../yaml/scalar';
import { isScalarType, snippetEscape, typeLabel, type CompletionScope } from './scope';

/** Keys never worth offering: the server writes them. */
const SERVER_OWNED_ROOT = new Set(['status']);

/** Resource names of ResourceLists (requests, limits, hard quotas): maps of quantities. */
const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage', 'storage'];

export function fieldItems(scope: CompletionScope): CompletionEntry[] {
  const { info, ctx, req } = scope;
  if (!info.apiVersion || !info.kind) return [];
  const { schema, kubernetesVersion } = req.env;
  const present = new Set(ctx.siblings.map((s) => s.key));
  if (ctx.path.length > 0) {
    const map = schema.field(kubernetesVersion, info.apiVersion, info.kind, ctx.path);
    if (map?.type === 'map' && map.itemType === 'quantity') return resourceNameItems(scope, present);
  }
  const children = schema.children(kubernetesVersion, info.apiVersion, info.kind, ctx.path);
  const out: CompletionEntry[] = [];
  for (const field of children) {
    if (present.has(field.name)) continue;
    if (ctx.path.length === 0 && SERVER_OWNED_ROOT.has(field.name)) continue;
    const itemChildren =
      field.type === 'object' || (field.type === 'array' && field.itemType === 'object')
        ? schema.children(kubernetesVersion, info.apiVersion, info.kind, [...ctx.path, field.name])
        : [];
    out.push(fieldEntry(scope, field, itemChildren));
  }
  return out;
}

function resourceNameItems(scope: CompletionScope, present: ReadonlySet<string>): CompletionEntry[] {
  return RESOURCE_NAMES.filter((name) => !present.has(name)).map((name) => ({
    label: name,
    kind: 'field',
    detail: 'Quantity',
    insertText: scope.ctx.keyHasColon ? name : scope.snippets ? `${name}: $0` : `${name}: `,
    snippet: scope.snippets && !scope.ctx.keyHasColon,
    range: scope.ctx.range,
  }));
}

function fieldEntry(scope: CompletionScope, field: FieldInfo, children: readonly FieldInfo[]): CompletionEntry {
  const { ctx } = scope;
  const key = yamlKey(field.name);
  const documentation = [field.required ? '**Required.** ' : '', field.description ?? ''].join('').trim();
  const entry: CompletionEntry = {
    label: field.name,
    kind: 'field',
    detail: `${typeLabel(field)}${field.required ? ' (required)' : ''}`,
    documentation: documentation || undefined,
    insertText: key,
    snippet: false,
    range: ctx.range,
    sortText: `${field.required ? '0' : '1'}${field.name}`,
  };
  if (ctx.keyHasColon) return entry;
  if (!scope.snippets) {
    entry.insertText = isScalarType(field.type) ? `${key}: ` : `${key}:\n${' '.repeat(ctx.column + 2)}${field.type === 'array' ? '- ' : ''}`;
    return entry;
  }
  entry.snippet = true;
  entry.insertText = snippetFor(key, field, children, ctx.column);
  return entry;
}

/** `key: $0`, `key: ${1|a,b|}`, or a block with the required fields of the object (or list item). */
function snippetFor(key: string, field: FieldInfo, children: readonly FieldInfo[], column: number): string {
  const k = snippetEscape(key);
  if (isScalarType(field.type)) {
    if (field.enum && field.enum.length > 0) return `${k}: \${1|${field.enum.map(choiceEscape).join(',')}|}`;
    if (field.type === 'boolean') return `${k}: \${1|true,false|}`;
    return `${k}: $0`;
  }
  const inner = ' '.repeat(column + 2);
  if (field.type === 'array' && field.itemType !== 'object') return `${k}:\n${inner}- $0`;
  const required = children.filter((c) => c.required);
  const itemPrefix = field.type === 'array' ? '- ' : '';
  if (required.length === 0) return `${k}:\n${inner}${itemPrefix}$0`;
  const childIndent = ' '.repeat(column + 2 + itemPrefix.length);
  const lines = required.map((c, i) => {
    const lead = i === 0 ? `${inner}${itemPrefix}` : childIndent;
    const name = snippetEscape(yamlKey(c.name));
    if (isScalarType(c.type)) return `${lead}${name}: ${c.enum && c.enum.length > 0 ? `\${${i + 1}|${c.enum.map(choiceEscape).join(',')}|}` : `$${i + 1}`}`;
    return `${lead}${name}:\n${childIndent}  ${c.type === 'array' ? '- ' : ''}$${i + 1}`;
  });
  return `${k}:\n${lines.join('\n')}`;
}

function choiceEscape(value: string): string {
  return value.replace(/[|,$}\\]/g, '\\$&');
}
