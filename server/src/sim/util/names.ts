import { canonicalJson } from './clone';
import type { Rng } from '../rng';

/** apimachinery rand.alphanums: no vowels, no confusable characters. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** apimachinery rand.SafeEncodeString. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

const encoder = new TextEncoder();

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The pod-template-hash: FNV-1a-32 over a canonical JSON of the template (upstream hashes a Go dump,
 * which cannot be reproduced), plus the collision count, encoded like controller.ComputeHash.
 */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJson(template);
  if (collisionCount !== undefined) text += `#${collisionCount}`;
  return safeEncodeString(String(fnv1a32(text)));
}

/** The apiserver's generateName: base truncated to 58 characters plus 5 random characters. */
export function generateName(base: string, rng: Rng): string {
  const prefix = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return prefix + suffix;
}
