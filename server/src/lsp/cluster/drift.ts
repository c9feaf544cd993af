/**
 * Drift: fields the manifest sets whose live value differs, because something changed the object in
 * the cluster (a scale, a rollout undo) rather than the file. Fields edited in the file since the
 * last apply are not drift; the status lens says "edited since apply" for those.
 */
import { fieldPath, type JsonPath } from '../../core/model/locate';
import { isRecord, resourceRange, type Resource } from '../../core/model/resource';
import { yamlString } from '../../core/features/yaml/scalar';
import type { Range } from '../../core/types';
import { LAST_APPLIED } from '../../sim/store/apply';
import type { KObject } from '../../sim/types';
import { deepEqual } from '../../sim/util/clone';

export interface DriftedField {
  path: JsonPath;
  live: unknown;
  file: unknown;
}

export interface TextEditLike {
  range: Range;
  newText: string;
}

/** The lens names at most this many fields; the tooltip lists all. */
const TITLE_FIELDS = 2;
/** Top-level fields the cluster owns or that never drift. */
const SKIPPED = new Set(['apiVersion', 'kind', 'status']);

export function driftOf(resource: Resource, live: KObject): DriftedField[] {
  const applied = parseJson(live.metadata.annotations?.[LAST_APPLIED]);
  const out: DriftedField[] = [];
  const walk = (file: unknown, liveValue: unknown, appliedValue: unknown, path: (string | number)[]): void => {
    if (liveValue === undefined) return;
    if (Array.isArray(file)) {
      if (!Array.isArray(liveValue)) return;
      file.forEach((item, i) => walk(item, liveValue[i], Array.isArray(appliedValue) ? appliedValue[i] : undefined, [...path, i]));
      return;
    }
    if (isRecord(file)) {
      if (!isRecord(liveValue)) return;
      for (const [key, value] of Object.entries(file)) {
        if (path.length === 0 && SKIPPED.has(key)) continue;
        if (path.length === 2 && path[0] === 'metadata' && path[1] === 'annotations' && key === LAST_APPLIED) continue;
        walk(value, liveValue[key], isRecord(appliedValue) ? appliedValue[key] : undefined, [...path, key]);
      }
      return;
    }
    if (deepEqual(file, liveValue)) return;
    // The file changed since the apply and the cluster still holds the applied value: an edit, not drift.
    if (applied !== undefined && appliedValue !== undefined && deepEqual(appliedValue, liveValue)) return;
    out.push({ path, live: liveValue, file });
  };
  walk(resource.object, live, applied, []);
  return out;
}

/** `cluster differs: replicas 5, file 3` (at most two fields named, then "+N more"). */
export function driftTitle(drift: readonly DriftedField[]): string {
  const named = drift.slice(0, TITLE_FIELDS).map((d) => `${fieldLabel(d.path)} ${scalarText(d.live)}, file ${scalarText(d.file)}`);
  const more = drift.length > TITLE_FIELDS ? `; +${drift.length - TITLE_FIELDS} more` : '';
  return `cluster differs: ${named.join('; ')}${more}`;
}

/** One line per field: `spec.replicas: cluster 5, file 3`. */
export function driftDetails(drift: readonly DriftedField[]): string {
  return drift.map((d) => `${fieldPath(d.path)}: cluster ${scalarText(d.live)}, file ${scalarText(d.file)}`).join('\n');
}

/** Edits that write the live values into the manifest, each at the exact range of the file's value. */
export function driftEdits(resource: Resource, drift: readonly DriftedField[]): TextEditLike[] {
  return drift.map((d) => ({ range: resourceRange(resource, d.path, 'value'), newText: yamlScalar(d.live) }));
}

/** The field's own name: `replicas`, `image` (list indexes are left out). */
function fieldLabel(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return fieldPath(path);
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  // Numbers, booleans and null read back the same; a collection is written in flow style (JSON is YAML).
  return JSON.stringify(value);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
