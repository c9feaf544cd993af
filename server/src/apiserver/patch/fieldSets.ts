import { deepEqual } from '../../sim/util/clone';
import { isRecord } from '../../sim/util/record';
import { resolve, type Definitions, type Schema } from '../definitions';

/**
 * Field sets as server-side apply tracks them: leaf paths in the `fieldsV1` notation
 * (`f:spec`, `f:replicas`, `k:{"name":"web"}` for list items keyed by their merge key).
 */

export type FieldPath = string[];

const SKIPPED_TOP = new Set(['apiVersion', 'kind', 'status']);
const SKIPPED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function child(defs: Definitions | undefined, schema: Schema | undefined, key: string): Schema | undefined {
  const s = defs ? resolve(defs, schema) : undefined;
  if (!s) return undefined;
  if (s.properties) return s.properties[key];
  if (isRecord(s.additionalProperties)) return s.additionalProperties as Schema;
  return undefined;
}

function listKeys(defs: Definitions | undefined, schema: Schema | undefined): string[] | undefined {
  const s = defs ? resolve(defs, schema) : undefined;
  const keys = s?.['x-kubernetes-list-map-keys'];
  if (Array.isArray(keys) && keys.length > 0) return keys.map(String);
  const merge = s?.['x-kubernetes-patch-merge-key'];
  return typeof merge === 'string' ? [merge] : undefined;
}

function itemKey(item: Record<string, unknown>, keys: string[]): string {
  const picked: Record<string, unknown> = {};
  for (const k of keys) if (item[k] !== undefined) picked[k] = item[k];
  return `k:${JSON.stringify(picked)}`;
}

/** The leaf paths an object sets (top-level identity and status excluded). */
export function leafPaths(
  defs: Definitions | undefined,
  schema: Schema | undefined,
  value: unknown,
  prefix: FieldPath = [],
  out: FieldPath[] = [],
): FieldPath[] {
  if (Array.isArray(value)) {
    const keys = listKeys(defs, schema);
    const itemSchema = defs ? resolve(defs, schema)?.items : undefined;
    if (!keys || !value.every(isRecord)) {
      out.push(prefix);
      return out;
    }
    for (const item of value as Record<string, unknown>[]) leafPaths(defs, itemSchema, item, [...prefix, itemKey(item, keys)], out);
    return out;
  }
  if (!isRecord(value) || Object.keys(value).length === 0) {
    out.push(prefix);
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (prefix.length === 0 && SKIPPED_TOP.has(key)) continue;
    if (prefix.length === 1 && prefix[0] === 'f:metadata' && SKIPPED_META.has(key)) continue;
    if (v === undefined || v === null) continue;
    leafPaths(defs, child(defs, schema, key), v, [...prefix, `f:${key}`], out);
  }
  return out;
}

export const pathKey = (p: FieldPath): string => p.join('\u0000');

/** `.spec.template.spec.containers[name="web"].image`: a path as conflict messages show it. */
export function displayPath(p: FieldPath): string {
  return p
    .map((seg) => {
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      const keys = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

function step(node: unknown, seg: string): unknown {
  if (seg.startsWith('f:')) return isRecord(node) ? node[seg.slice(2)] : undefined;
  if (!Array.isArray(node)) return undefined;
  const keys = JSON.parse(seg.slice(2)) as Record<string, unknown>;
  return node.find((item) => isRecord(item) && Object.entries(keys).every(([k, v]) => deepEqual(item[k], v)));
}

export function valueAt(obj: unknown, p: FieldPath): unknown {
  let node = obj;
  for (const seg of p) node = step(node, seg);
  return node;
}

/** Removes the value at a path (a list item, or a field); empty parents stay. */
export function removeAt(obj: unknown, p: FieldPath): void {
  if (p.length === 0) return;
  const parent = valueAt(obj, p.slice(0, -1));
  const last = p[p.length - 1];
  if (last.startsWith('f:')) {
    if (isRecord(parent)) delete parent[last.slice(2)];
    return;
  }
  if (!Array.isArray(parent)) return;
  const item = step(parent, last);
  const at = parent.indexOf(item);
  if (at >= 0) parent.splice(at, 1);
}

/** fieldsV1 JSON from leaf paths (list items get their `.` marker). */
export function toFieldsV1(paths: FieldPath[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of paths) {
    let node = root;
    for (const seg of p) {
      node = (node[seg] ??= {}) as Record<string, unknown>;
      if (seg.startsWith('k:')) node['.'] = {};
    }
  }
  return root;
}

/** Leaf paths from fieldsV1 JSON. */
export function fromFieldsV1(fields: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (!isRecord(fields)) return out;
  const children = Object.keys(fields).filter((k) => k !== '.');
  if (children.length === 0 && prefix.length > 0) out.push(prefix);
  for (const key of children) fromFieldsV1(fields[key], [...prefix, key], out);
  return out;
}
