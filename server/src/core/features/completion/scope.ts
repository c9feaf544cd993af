import type { FieldInfo, FieldType } from '../ports';
import type { DocumentInfo, FeatureRequest } from '../request';
import type { CompletionEntry } from '../types';
import type { CursorContext } from '../yaml/cursor';

/** Everything one completion request works from. */
export interface CompletionScope {
  req: FeatureRequest;
  ctx: CursorContext;
  info: DocumentInfo;
  /** The client expands snippets (`$1`, `${1:x}`); otherwise insert plain text. */
  snippets: boolean;
}

export interface CompletionOptions {
  snippets: boolean;
  /** Offer the resource snippets of snippets/kubernetes.json in empty documents. */
  resourceSnippets: boolean;
}

export function isScalarType(type: FieldType): boolean {
  return type !== 'object' && type !== 'map' && type !== 'array' && type !== 'any';
}

/** The schema field at the cursor's path, when the document's apiVersion and kind are known. */
export function fieldAt(scope: CompletionScope, path: readonly (string | number)[]): FieldInfo | undefined {
  const { info, req } = scope;
  if (!info.apiVersion || !info.kind) return undefined;
  return req.env.schema.field(req.env.kubernetesVersion, info.apiVersion, info.kind, path);
}

/** A plain value item replacing the cursor's range. */
export function valueEntry(scope: CompletionScope, label: string, insertText: string, extra: Partial<CompletionEntry> = {}): CompletionEntry {
  return { label, kind: 'value', insertText, snippet: false, range: scope.ctx.range, ...extra };
}

/** Escapes text for use inside a snippet. */
export function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** Type as the API reference writes it: `string`, `[]Container`, `map[string]string`, `IntOrString`. */
export function typeLabel(field: FieldInfo): string {
  if (field.typeName) return field.typeName;
  if (field.type === 'array') return `[]${field.itemType ?? 'object'}`;
  if (field.type === 'map') return `map[string]${field.itemType ?? 'string'}`;
  if (field.type === 'int-or-string') return 'IntOrString';
  if (field.type === 'quantity') return 'Quantity';
  return field.type;
}
