import { fnv1a32 } from '../util/names';

/** Deterministic per-image facts: pull duration, size and digest. */
export function imagePullMs(image: string): number {
  return 600 + (fnv1a32(`pull:${image}`) % 2400);
}

export function imageSize(image: string): number {
  return 8_000_000 + (fnv1a32(`size:${image}`) % 180_000_000);
}

const digests = new Map<string, string>();

export function imageDigest(image: string): string {
  let digest = digests.get(image);
  if (!digest) digests.set(image, (digest = computeDigest(image)));
  return digest;
}

function computeDigest(image: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv1a32(`${image}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}
