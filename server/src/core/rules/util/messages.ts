import { fieldPath, type JsonPath } from '../../model/locate';

/**
 * Field errors worded like the API server's (k8s.io/apimachinery/pkg/util/validation/field):
 * `<field path>: <error type>[: <value>][: <detail>]`.
 */

/** A bad value as the API server prints it: strings quoted, numbers and booleans bare, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/** A field path given as a JSON path, or already written out (for map keys: `resources.limits[cpu]`). */
export type FieldRef = JsonPath | string;

function pathText(ref: FieldRef): string {
  return typeof ref === 'string' ? ref : fieldPath(ref);
}

function withDetail(text: string, detail?: string): string {
  return detail ? `${text}: ${detail}` : text;
}

/** `<path>: Invalid value: <value>: <detail>` */
export function invalidValue(ref: FieldRef, value: unknown, detail: string): string {
  return withDetail(`${pathText(ref)}: Invalid value: ${formatValue(value)}`, detail);
}

/** `<path>: Unsupported value: <value>: supported values: "a", "b"` */
export function unsupportedValue(ref: FieldRef, value: unknown, supported: readonly string[]): string {
  const detail = supported.length > 0 ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return withDetail(`${pathText(ref)}: Unsupported value: ${formatValue(value)}`, detail);
}

/** `<path>: Required value[: <detail>]` */
export function requiredValue(ref: FieldRef, detail?: string): string {
  return withDetail(`${pathText(ref)}: Required value`, detail);
}

/** `<path>: Duplicate value: <value>` */
export function duplicateValue(ref: FieldRef, value: unknown): string {
  return `${pathText(ref)}: Duplicate value: ${formatValue(value)}`;
}

/** `<path>: Forbidden: <detail>` */
export function forbidden(ref: FieldRef, detail: string): string {
  return `${pathText(ref)}: Forbidden: ${detail}`;
}

/** `<path>: Not found: <value>` */
export function notFound(ref: FieldRef, value: unknown): string {
  return `${pathText(ref)}: Not found: ${formatValue(value)}`;
}

/** `<path>: Too long: must have at most <n> bytes` */
export function tooLong(ref: FieldRef, maxBytes: number): string {
  return `${pathText(ref)}: Too long: must have at most ${maxBytes} bytes`;
}

/** `resources.limits` + `cpu` → `resources.limits[cpu]`: a map key the way the API server writes it. */
export function keyPath(mapPath: JsonPath, key: string): string {
  return `${fieldPath(mapPath)}[${key}]`;
}
