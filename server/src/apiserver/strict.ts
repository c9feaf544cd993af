import type { KObject } from '../sim/types';
import { isRecord } from '../sim/util/record';
import type { RequestContext } from './context';
import { gvkKey, loadDefinitions, resolve, type Definitions, type Schema } from './definitions';
import type { ResourceInfo } from './registry';
import { badRequest } from './status';

/**
 * Field validation of request bodies (`fieldValidation=Strict|Warn|Ignore`, Warn by default): unknown
 * fields are refused (Strict), reported in a Warning header and dropped (Warn), or dropped (Ignore).
 */

/** Paths of unknown fields ("spec.replcas", "spec.template.spec.containers[0].imagee"); removes them when `drop`. */
export function unknownFields(defs: Definitions, schema: Schema | undefined, value: unknown, path: string, drop: boolean, out: string[] = []): string[] {
  const s = resolve(defs, schema);
  if (!s) return out;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => unknownFields(defs, s.items, item, `${path}[${i}]`, drop, out));
    return out;
  }
  if (!isRecord(value)) return out;
  if (s.properties) {
    for (const key of Object.keys(value)) {
      const child = s.properties[key];
      const at = path ? `${path}.${key}` : key;
      if (!child) {
        out.push(at);
        if (drop) delete value[key];
      } else unknownFields(defs, child, value[key], at, drop, out);
    }
  } else if (isRecord(s.additionalProperties)) {
    for (const key of Object.keys(value)) unknownFields(defs, s.additionalProperties, value[key], path ? `${path}.${key}` : key, drop, out);
  }
  return out;
}

export function schemaOfKind(defs: Definitions, group: string, version: string, kind: string): Schema | undefined {
  const name = defs.byGvk.get(gvkKey(group, version, kind));
  return name ? defs.definitions[name] : undefined;
}

/** Applies the request's field validation directive to a decoded object (in place). */
export function strictDecode(ctx: RequestContext, info: ResourceInfo, obj: KObject, kind = info.kind, group = info.group, version = info.version): void {
  const directive = ctx.query.get('fieldValidation') ?? 'Warn';
  if (directive === 'Ignore' && !ctx.query.has('fieldValidation')) return;
  const defs = loadDefinitions();
  if (!defs) return;
  const schema = schemaOfKind(defs, group, version, kind);
  if (!schema) return;
  const strict = directive === 'Strict';
  const unknown = unknownFields(defs, schema, obj, '', !strict);
  if (unknown.length === 0) return;
  if (strict) {
    throw badRequest(
      `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}`,
    );
  }
  if (directive !== 'Ignore') for (const p of unknown) ctx.warnings.push(`unknown field "${p}"`);
}
