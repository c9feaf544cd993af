/** Wording shared by the cross-resource checks. */
import { baseName } from '../paths';

/** "ConfigMap 'app'" */
export function named(kind: string, name: string): string {
  return `${kind} '${name}'`;
}

/** "namespace 'prod'", "namespaces 'a', 'b'" */
export function namespacesText(namespaces: readonly string[]): string {
  const unique = [...new Set(namespaces)];
  return `${unique.length === 1 ? 'namespace' : 'namespaces'} ${unique.map((n) => `'${n}'`).join(', ')}`;
}

/** "app.yaml" — enough to tell files apart in a message; the related location has the full path. */
export function fileLabel(uri: string | undefined): string {
  return uri ? baseName(uri) : 'the cluster';
}

export function quotedList(items: readonly (string | number)[], max = 8): string {
  const shown = items.slice(0, max).map((i) => `'${i}'`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

/** Edit distance counting a swap of neighbours as one edit; returns limit + 1 once it exceeds limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The candidate closest to `wanted` (case-insensitive), if it is plausibly a typo of it. */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  const lower = wanted.toLowerCase();
  const limit = wanted.length <= 4 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === wanted) continue;
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
