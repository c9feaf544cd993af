/**
 * Secret values stay hidden: hovers, the cluster panel and describe output show a Secret's keys and
 * sizes, never its values, unless the user asks to reveal them. `maskSecret` returns a copy of an
 * object with every value of a Secret's `data` and `stringData` replaced by a mask that tells the
 * size, the way `kubectl describe secret` does (`password: 8 bytes`). The copy of
 * kubectl's last-applied-configuration annotation is masked too: it holds the whole Secret in clear.
 * Anything that is not a Secret (or a list holding Secrets) comes back unchanged.
 */

export const MASK = '••••••';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface MaskOptions {
  /** The user asked to see the values: nothing is masked. */
  reveal?: boolean;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Secret of the core API (apiVersion v1, or no apiVersion in a partial object). */
export function isSecretObject(value: unknown): value is JsonObject {
  return isObject(value) && value.kind === 'Secret' && (value.apiVersion === undefined || value.apiVersion === 'v1');
}

/** Bytes a base64 text decodes to (whitespace ignored), as Go decodes []byte fields. */
export function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/** The mask shown instead of one value: its size when it is a string, the mask alone otherwise. */
export function maskedValue(value: unknown, encoding: 'base64' | 'text'): string {
  if (typeof value !== 'string') return MASK;
  const bytes = encoding === 'base64' ? decodedLength(value) : Buffer.byteLength(value, 'utf8');
  return `${MASK} (${bytes} byte${bytes === 1 ? '' : 's'})`;
}

function maskValues(values: unknown, encoding: 'base64' | 'text'): unknown {
  if (!isObject(values)) return values === undefined || values === null ? values : MASK;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(values)) out[key] = maskedValue(value, encoding);
  return out;
}

function maskOneSecret(secret: JsonObject): JsonObject {
  const out: JsonObject = { ...secret };
  if ('data' in secret) out.data = maskValues(secret.data, 'base64');
  if ('stringData' in secret) out.stringData = maskValues(secret.stringData, 'text');
  const metadata = secret.metadata;
  if (isObject(metadata) && isObject(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    out.metadata = { ...metadata, annotations: { ...metadata.annotations, [LAST_APPLIED]: MASK } };
  }
  return out;
}

/**
 * A copy of `object` that is safe to show: Secrets (also inside `List` items) have their values
 * masked. Other objects are returned as they are (the same reference). Never mutates its input.
 */
export function maskSecret<T>(object: T, options: MaskOptions = {}): T {
  if (options.reveal) return object;
  if (isSecretObject(object)) return maskOneSecret(object) as T;
  if (isObject(object) && Array.isArray(object.items) && typeof object.kind === 'string' && object.kind.endsWith('List')) {
    const items = object.items.map((item: unknown) => maskSecret(item));
    return items.some((item, i) => item !== (object.items as unknown[])[i]) ? ({ ...object, items } as T) : object;
  }
  return object;
}

/** True when the JSON path points at a secret value (`data.<key>`, `stringData.<key>` of a Secret). */
export function isSecretValuePath(object: unknown, path: readonly (string | number)[]): boolean {
  if (!isSecretObject(object) || path.length < 1) return false;
  if (path[0] === 'data' || path[0] === 'stringData') return path.length >= 2 || !isObject(object[path[0]]);
  return path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED;
}

/** The value a secret-value path points at (`data.<key>`, or the whole `data` when it is not a map). */
export function secretValueAt(object: JsonObject, path: readonly (string | number)[]): unknown {
  let node: unknown = object;
  for (const key of path) {
    if (!isObject(node) && !Array.isArray(node)) return node;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A message about a Secret value with the value hidden, in every form messages quote values:
 * `'SUPERSECRET…' must be base64-encoded data` → `'••••••' must be base64-encoded data`,
 * `Invalid value: 98765432123` → `Invalid value: ••••••`, `quote it: "12345"` → `quote it: "••••••"`.
 */
export function maskValueInMessage(message: string, value: unknown): string {
  if (value === undefined || value === null) return message;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text === '') return message;
  const quotedForms = [JSON.stringify(text), `"${text}"`, `'${text}'`];
  if (text.length > 60) quotedForms.push(`'${text.slice(0, 57)}...'`, `"${text.slice(0, 57)}..."`);
  let out = message;
  for (const form of quotedForms) out = out.split(form).join(`${form[0]}${MASK}${form[0]}`);
  // Bare values after a colon (`Invalid value: 98765432123`), and the value anywhere when it is long
  // enough not to collide with the words of a message.
  out = out.split(`: ${text}`).join(`: ${MASK}`);
  if (text.length >= 6) out = out.split(text).join(MASK);
  return out;
}
