import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';

/**
 * A path pattern: a map key, `'*'` for every item of a list, or a list of alternative map keys
 * (`['containers', 'initContainers']`).
 */
export type PatternStep = string | readonly string[];
export type PathPattern = readonly PatternStep[];

/** Calls `visit` with every value the pattern reaches below `root`, and its full JSON path. */
export function walkPattern(root: unknown, base: JsonPath, pattern: PathPattern, visit: (value: unknown, path: JsonPath) => void): void {
  if (pattern.length === 0) {
    visit(root, base);
    return;
  }
  const [step, ...rest] = pattern;
  if (step === '*') {
    if (Array.isArray(root)) root.forEach((item, i) => walkPattern(item, [...base, i], rest, visit));
    return;
  }
  if (!isRecord(root)) return;
  const keys = typeof step === 'string' ? [step] : step;
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(root, key)) walkPattern(root[key], [...base, key], rest, visit);
  }
}
