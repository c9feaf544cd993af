/** Scalar values from the schema (enum values, booleans) and namespaces of the workspace. */
import type { FieldInfo } from '../ports';
import type { CompletionEntry } from '../types';
import { yamlString } from '../yaml/scalar';
import { valueEntry, type CompletionScope } from './scope';

export function schemaValueItems(scope: CompletionScope, field: FieldInfo): CompletionEntry[] {
  if (field.enum && field.enum.length > 0 && field.type !== 'array' && field.type !== 'map') {
    const isDefault = (v: string): boolean => field.default !== undefined && String(field.default) === v;
    return field.enum.map((v) =>
      valueEntry(scope, v, yamlString(v), { kind: 'enum', detail: isDefault(v) ? 'default' : field.name, preselect: isDefault(v) || undefined }),
    );
  }
  if (field.type === 'boolean') {
    return ['true', 'false'].map((v) =>
      valueEntry(scope, v, v, { kind: 'enum', detail: field.default !== undefined && String(field.default) === v ? 'default' : 'boolean' }),
    );
  }
  return [];
}

/** Namespaces used or defined in the workspace, for `metadata.namespace`. */
export function namespaceItems(scope: CompletionScope): CompletionEntry[] {
  const counts = new Map<string, number>();
  for (const entry of scope.req.env.workspace.resources()) {
    const r = entry.resource;
    if (r.kind === 'Namespace' && r.group === '' && r.name) counts.set(r.name, counts.get(r.name) ?? 0);
    if (entry.namespace) counts.set(entry.namespace, (counts.get(entry.namespace) ?? 0) + 1);
  }
  return [...counts].map(([ns, n]) => valueEntry(scope, ns, yamlString(ns), { kind: 'reference', detail: `namespace · ${n} resource${n === 1 ? '' : 's'}` }));
}
