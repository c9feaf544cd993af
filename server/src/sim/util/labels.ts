import type { LabelSelector } from '../types';

export type Labels = Record<string, string> | undefined;

/** True when every label of `subset` is present with the same value in `labels`. */
export function matchesLabels(subset: Record<string, string> | undefined, labels: Labels): boolean {
  if (!subset) return true;
  for (const key of Object.keys(subset)) if (!labels || labels[key] !== subset[key]) return false;
  return true;
}

/** metav1.LabelSelector semantics: matchLabels AND matchExpressions. An empty selector matches everything. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  if (!matchesLabels(selector.matchLabels, labels)) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = has ? labels![req.key] : undefined;
    switch (req.operator) {
      case 'In':
        if (!has || !(req.values ?? []).includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && (req.values ?? []).includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function selectorIsEmpty(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** "app=web,tier=front" — the string form used in Scale status and in kubectl output. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    if (req.operator === 'In') parts.push(`${req.key} in (${(req.values ?? []).join(',')})`);
    else if (req.operator === 'NotIn') parts.push(`${req.key} notin (${(req.values ?? []).join(',')})`);
    else if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
  }
  return parts.join(',');
}

const selectorCache = new WeakMap<object, WeakMap<object, boolean>>();

/**
 * matchesSelector memoized by object identity. Stored objects are immutable and status-only writes
 * share `labels`, so repeated reconciles of the same pods do not re-evaluate the selector.
 */
export function matchesSelectorCached(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector || !labels) return matchesSelector(selector, labels);
  let bySelector = selectorCache.get(selector);
  if (!bySelector) selectorCache.set(selector, (bySelector = new WeakMap()));
  let result = bySelector.get(labels);
  if (result === undefined) bySelector.set(labels, (result = matchesSelector(selector, labels)));
  return result;
}
