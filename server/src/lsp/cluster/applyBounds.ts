/**
 * Explicit bounds on one apply (or delete) request, checked before anything is changed, so a huge
 * file is refused at once with a message saying why instead of freezing the server.
 */

/** Objects one request may apply or delete. */
export const MAX_OBJECTS_PER_APPLY = 10_000;
/** Bytes (as JSON, what kubectl would send) of all objects of one apply. */
export const MAX_BYTES_PER_APPLY = 32 * 1024 * 1024;
/** kube-apiserver's limit on a request body: one object larger than this is rejected. */
export const MAX_OBJECT_BYTES = 3 * 1024 * 1024;
export const OBJECT_TOO_LARGE_MESSAGE = `Request entity too large: limit is ${MAX_OBJECT_BYTES}`;

const MAX_DEPTH = 2000;

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function tooManyObjectsMessage(count: number, verb: 'apply' | 'delete'): string {
  return `Refused: the request would ${verb} ${count.toLocaleString('en-US')} objects; one request takes at most ${MAX_OBJECTS_PER_APPLY.toLocaleString('en-US')}. Split the file.`;
}

/** Documents in a YAML text (`---` lines + 1): an upper bound of its objects, counted without parsing. */
export function countDocuments(text: string): number {
  return (text.match(/^---(?:[ \t#].*)?$/gm)?.length ?? 0) + 1;
}

export function tooManyDocumentsMessage(count: number, verb: 'apply' | 'delete'): string {
  return `Refused: the file has ${count.toLocaleString('en-US')} YAML documents; one request can ${verb} at most ${MAX_OBJECTS_PER_APPLY.toLocaleString('en-US')} objects. Split the file.`;
}

export function tooManyBytesMessage(bytes: number): string {
  return `Refused: the objects to apply are ${megabytes(bytes)} or more as JSON; one apply takes at most ${megabytes(MAX_BYTES_PER_APPLY)}. Split the file.`;
}

/**
 * The length of `JSON.stringify(value)`, or `limit + 1` as soon as it is known to exceed `limit`.
 * Walks the value instead of serializing it: a YAML alias fan-out can expand to far more text than
 * memory should hold, and this stops early.
 */
export function jsonLengthWithin(value: unknown, limit: number): number {
  let total = 0;
  const visit = (v: unknown, depth: number): boolean => {
    if (total > limit) return false;
    if (depth > MAX_DEPTH) {
      total = limit + 1;
      return false;
    }
    if (v === null || v === undefined) total += 4;
    else if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') total += String(v).length;
    else if (Array.isArray(v)) {
      total += 2 + Math.max(0, v.length - 1);
      for (const item of v) if (!visit(item, depth + 1)) return false;
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      total += 2 + Math.max(0, entries.length - 1);
      for (const [key, item] of entries) {
        total += key.length + 3;
        if (!visit(item, depth + 1)) return false;
      }
    }
    return total <= limit;
  };
  visit(value, 0);
  return Math.min(total, limit + 1);
}

export interface Measured {
  /** Estimated JSON length per object (`MAX_OBJECT_BYTES + 1` when over the per-object limit). */
  sizes: number[];
  /** Sum of the sizes; stops counting once over MAX_BYTES_PER_APPLY. */
  total: number;
}

export function measureObjects(objects: readonly unknown[]): Measured {
  const sizes: number[] = [];
  let total = 0;
  for (const obj of objects) {
    const size = jsonLengthWithin(obj, MAX_OBJECT_BYTES);
    sizes.push(size);
    total += size;
    if (total > MAX_BYTES_PER_APPLY) break;
  }
  return { sizes, total };
}
