import { clone, deepEqual } from '../../sim/util/clone';
import { isRecord } from '../../sim/util/record';
import { resolve, type Definitions, type Schema } from '../definitions';
import { ApiFailure } from '../status';

/**
 * Strategic merge patch: JSON merge, except that lists declared `x-kubernetes-patch-strategy: merge`
 * merge element-wise (by `x-kubernetes-patch-merge-key` for lists of objects), with the directives
 * `$patch` (replace, delete, merge), `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>`.
 */

type Json = Record<string, unknown>;

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

function propertySchema(defs: Definitions | undefined, schema: Schema | undefined, key: string): Schema | undefined {
  if (!defs) return undefined;
  const s = resolve(defs, schema);
  if (!s) return undefined;
  if (s.properties) return s.properties[key];
  if (isRecord(s.additionalProperties)) return s.additionalProperties as Schema;
  return undefined;
}

function strategyOf(schema: Schema | undefined): { merge: boolean; retainKeys: boolean; mergeKey?: string } {
  const strategy = String(schema?.['x-kubernetes-patch-strategy'] ?? '');
  const mergeKey = schema?.['x-kubernetes-patch-merge-key'];
  return {
    merge: strategy.split(',').includes('merge'),
    retainKeys: strategy.split(',').includes('retainKeys'),
    mergeKey: typeof mergeKey === 'string' ? mergeKey : undefined,
  };
}

export function strategicMerge(defs: Definitions | undefined, schema: Schema | undefined, original: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) throw new ApiFailure(400, 'BadRequest', 'the body of a strategic merge patch must be a JSON object');
  return mergeMap(defs, schema, isRecord(original) ? original : {}, patch) ?? {};
}

function mergeMap(defs: Definitions | undefined, schema: Schema | undefined, original: Json, patch: Json): Json | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const replaced = clone(patch);
    delete replaced.$patch;
    return replaced;
  }
  const out: Json = { ...original };
  const retain = Array.isArray(patch.$retainKeys) ? new Set(patch.$retainKeys.map(String)) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const drop = Array.isArray(value) ? value : [];
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((v) => !drop.some((d) => deepEqual(d, v)));
      continue;
    }
    const sub = propertySchema(defs, schema, key);
    if (value === null) {
      delete out[key];
      continue;
    }
    if (isRecord(value)) {
      const merged = mergeMap(defs, sub, isRecord(out[key]) ? (out[key] as Json) : {}, value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
      continue;
    }
    if (Array.isArray(value)) {
      out[key] = mergeList(defs, sub, Array.isArray(out[key]) ? (out[key] as unknown[]) : [], value, patch[`${SET_ORDER}${key}`]);
      continue;
    }
    out[key] = value;
  }
  if (retain) for (const key of Object.keys(out)) if (!retain.has(key)) delete out[key];
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER) || !Array.isArray(order)) continue;
    const field = key.slice(SET_ORDER.length);
    if (Array.isArray(out[field]) && !(field in patch))
      out[field] = reorder(out[field] as unknown[], order, strategyOf(propertySchema(defs, schema, field)).mergeKey);
  }
  return out;
}

function keyOf(item: unknown, mergeKey: string | undefined): unknown {
  return mergeKey && isRecord(item) ? item[mergeKey] : item;
}

function mergeList(defs: Definitions | undefined, schema: Schema | undefined, original: unknown[], patch: unknown[], order: unknown): unknown[] {
  const { merge, mergeKey } = strategyOf(schema);
  if (patch.some((p) => isRecord(p) && p.$patch === 'replace')) return patch.filter((p) => !(isRecord(p) && p.$patch === 'replace')).map((p) => clone(p));
  if (!merge) return patch.map((p) => clone(p));
  const itemSchema = defs ? resolve(defs, schema)?.items : undefined;
  const out = [...original];
  for (const item of patch) {
    if (!mergeKey || !isRecord(item)) {
      if (!out.some((o) => deepEqual(o, item))) out.push(clone(item));
      continue;
    }
    const key = item[mergeKey];
    const at = out.findIndex((o) => isRecord(o) && deepEqual(o[mergeKey], key));
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      const merged = mergeMap(defs, itemSchema, out[at] as Json, item);
      if (merged === undefined) out.splice(at, 1);
      else out[at] = merged;
    } else {
      const fresh = clone(item);
      delete fresh.$patch;
      out.push(fresh);
    }
  }
  return Array.isArray(order) ? reorder(out, order, mergeKey) : out;
}

/** `$setElementOrder`: the listed elements in that order; elements not listed keep their place after them. */
function reorder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const wanted = order.map((o) => keyOf(o, mergeKey));
  const listed: unknown[] = [];
  for (const key of wanted) {
    const found = list.find((item) => deepEqual(keyOf(item, mergeKey), key));
    if (found !== undefined) listed.push(found);
  }
  const rest = list.filter((item) => !wanted.some((k) => deepEqual(k, keyOf(item, mergeKey))));
  return [...listed, ...rest];
}
