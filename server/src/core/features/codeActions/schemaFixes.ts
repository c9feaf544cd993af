/**
 * Fixes for `schema` diagnostics: rename an unknown field to the suggested one, insert a missing
 * required field with a value that validates (a workload's selector comes from its pod template).
 */
import { isRecord } from '../../model/resource';
import type { FieldInfo } from '../ports';
import type { CodeActionEntry } from '../types';
import { plainSafe, yamlString } from '../yaml/scalar';
import { fileFix, rangeIsKey, type FixContext } from './fixContext';
import { replaceKey, setEntries } from './yamlEdits';

export function unknownFieldFix(ctx: FixContext): CodeActionEntry | undefined {
  const suggestion = ctx.diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string' || !rangeIsKey(ctx)) return undefined;
  const parent = valueAt(ctx.resource.object, ctx.path.slice(0, -1));
  if (isRecord(parent) && suggestion in parent) return undefined; // renaming would duplicate the key
  const edit = replaceKey(ctx.doc, ctx.path, suggestion);
  return edit ? fileFix(ctx, `Change '${String(ctx.path[ctx.path.length - 1])}' to '${suggestion}'`, [edit], true) : undefined;
}

export function requiredFieldFix(ctx: FixContext): CodeActionEntry | undefined {
  const field = ctx.diagnostic.data?.missingField;
  if (typeof field !== 'string') return undefined;
  const { resource } = ctx;
  if (field === 'selector' && ctx.path.length === 1 && ctx.path[0] === 'spec') {
    const labels = templateLabels(resource.object);
    if (Object.keys(labels).length === 0) return undefined;
    const edits = setEntries(
      ctx.doc,
      ['spec', 'selector', 'matchLabels'],
      Object.entries(labels).map(([k, v]) => [k, yamlString(v)]),
    );
    return edits ? fileFix(ctx, 'Add the selector from the pod template labels', edits, true) : undefined;
  }
  const { schema, kubernetesVersion } = ctx.req.env;
  const info = schema.field(kubernetesVersion, resource.apiVersion, resource.kind, [...ctx.path, field]);
  const value = info ? valueText(ctx, info, field) : '""';
  const edits = setEntries(ctx.doc, ctx.path, [[field, value]]);
  return edits ? fileFix(ctx, `Add required field '${field}'`, edits, true) : undefined;
}

function valueAt(object: unknown, path: readonly (string | number)[]): unknown {
  let node = object;
  for (const step of path) node = Array.isArray(node) ? node[step as number] : isRecord(node) ? node[step] : undefined;
  return node;
}

function templateLabels(object: Record<string, unknown>): Record<string, string> {
  const labels = valueAt(object, ['spec', 'template', 'metadata', 'labels']);
  const out: Record<string, string> = {};
  if (isRecord(labels)) for (const [k, v] of Object.entries(labels)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}

/** A value for a required field that the schema accepts and that reads as a sensible start. */
function valueText(ctx: FixContext, info: FieldInfo, field: string): string {
  if (info.enum && info.enum.length > 0) return yamlString(info.default !== undefined ? String(info.default) : info.enum[0]);
  switch (info.type) {
    case 'boolean':
      return 'false';
    case 'integer':
    case 'number':
    case 'int-or-string':
      return field === 'port' || field === 'containerPort' ? String(portGuess(ctx)) : '1';
    case 'quantity':
      return '1Gi';
    case 'array':
      return '[]';
    case 'object':
    case 'map':
    case 'any':
      return '{}';
    default:
      return yamlString(nameGuess(ctx, field));
  }
}

/** A Service port's targetPort number, else 80. */
function portGuess(ctx: FixContext): number {
  const target = valueAt(ctx.resource.object, [...ctx.path, 'targetPort']);
  return typeof target === 'number' ? target : 80;
}

/** A container's name from its image (`registry/team/api:1.2` → `api`); other strings get a placeholder. */
function nameGuess(ctx: FixContext, field: string): string {
  if (field === 'name') {
    const image = valueAt(ctx.resource.object, [...ctx.path, 'image']);
    if (typeof image === 'string') {
      const base = image
        .split('/')
        .pop()
        ?.split(/[:@]/)[0]
        ?.toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/^-+|-+$/g, '');
      if (base && plainSafe(base)) return base;
    }
    return 'main';
  }
  return field;
}
