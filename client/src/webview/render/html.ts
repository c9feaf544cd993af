/** HTML text building with escaping. Every dynamic value goes through `esc` or `attrs`. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** ` name="value"` pairs; `false`, `undefined` and `null` values are left out, `true` is a bare attribute. */
export function attrs(values: Record<string, string | number | boolean | undefined | null>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${esc(value)}"`;
  }
  return out;
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Data attributes that identify an object in the DOM (tests and event delegation use them). */
export function refAttrs(ref: { kind: string; namespace?: string; name: string } | undefined): Record<string, string | undefined> {
  if (!ref) return {};
  return { 'data-kind': ref.kind, 'data-namespace': ref.namespace, 'data-name': ref.name };
}
