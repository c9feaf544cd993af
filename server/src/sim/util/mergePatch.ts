import { clone } from './clone';
import { isRecord } from './record';

/** RFC 7386 JSON merge patch: objects merge recursively, `null` removes a field, anything else replaces it. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
