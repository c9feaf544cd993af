import type { JsonPath } from '../../model/locate';
import { valueAt } from '../util/kinds';

/** The strings of a list at a path (other items ignored). */
export function stringListAt(root: unknown, path: JsonPath): string[] {
  const v = valueAt(root, path);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A replica count as the API server defaults it (unset → 1); undefined when not a number. */
export function replicasOf(spec: Record<string, unknown> | undefined, key = 'replicas'): number | undefined {
  const v = spec?.[key];
  if (v === undefined || v === null) return 1;
  return typeof v === 'number' ? v : undefined;
}
