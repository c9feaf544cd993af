/** Kubernetes minor versions as written in settings and facts: "1.25". */

function parts(version: string): [number, number] {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** Negative when a < b, zero when equal, positive when a > b ("1.9" < "1.25"). */
export function compareVersions(a: string, b: string): number {
  const [amaj, amin] = parts(a);
  const [bmaj, bmin] = parts(b);
  return amaj - bmaj || amin - bmin;
}

/**
 * The generated version to use for a requested one: itself when generated, otherwise the newest
 * generated version not above it, or the oldest generated version when the request is older than all.
 */
export function resolveVersion(requested: string, available: readonly string[]): string {
  if (available.length === 0) throw new Error('No Kubernetes versions are available');
  if (available.includes(requested)) return requested;
  const sorted = [...available].sort(compareVersions);
  let chosen = sorted[0];
  for (const version of sorted) if (compareVersions(version, requested) <= 0) chosen = version;
  return chosen;
}

/** How stable an API version is, for choosing among several: v1 > v1beta2 > v1beta1 > v1alpha1; v2 > v1. */
export function apiVersionRank(apiVersion: string): number {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return 0;
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return level * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] ?? 0);
}
