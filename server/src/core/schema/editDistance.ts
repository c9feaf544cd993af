/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive,
 * so `Deploymnet` is 1 away from `Deployment` and `deployment` is 0 away.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[t.length];
}

export interface SuggestOptions {
  /** Largest edit distance accepted. */
  maxDistance: number;
  /** Also accept a candidate that starts with the word (a field name typed in part), when the word has at least this many characters. */
  prefixMin?: number;
}

/** The candidate closest to `word`, or undefined when none is close enough. Exact matches are not suggestions. */
export function closestMatch(word: string, candidates: Iterable<string>, options: SuggestOptions): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const c = candidate.toLowerCase();
    let score = editDistance(word, candidate, options.maxDistance);
    if (score > options.maxDistance) {
      const min = options.prefixMin;
      const prefix = min !== undefined && lower.length >= min && c.startsWith(lower);
      if (!prefix) continue;
      score = options.maxDistance + 0.5;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
