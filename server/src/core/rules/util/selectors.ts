import { isRecord } from '../../model/resource';

/**
 * Label selectors with Kubernetes semantics (metav1.LabelSelectorAsSelector and labels.SelectorFromSet).
 * Inputs come straight from YAML, so everything is checked defensively; values that are not strings
 * (numbers, booleans written unquoted) are compared by their text.
 */

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export const SELECTOR_OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: readonly unknown[];
}

/** A metav1.LabelSelector as written in a manifest. */
export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Why a selector does not select a set of labels: the first requirement that fails. */
export interface SelectorMiss {
  /** Human-readable, e.g. "template has app=api" or "template has no label tier". */
  reason: string;
  key: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Labels as a string map; entries whose values are not scalars are dropped. */
export function labelMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const t = text(v);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

/** Reads a selector from manifest data; undefined when it is not a mapping. */
export function readLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const selector: LabelSelector = {};
  if (isRecord(value.matchLabels)) selector.matchLabels = value.matchLabels;
  if (Array.isArray(value.matchExpressions)) {
    selector.matchExpressions = value.matchExpressions.filter(isRecord).map((e) => ({
      key: typeof e.key === 'string' ? e.key : String(e.key ?? ''),
      operator: typeof e.operator === 'string' ? e.operator : String(e.operator ?? ''),
      values: Array.isArray(e.values) ? e.values : undefined,
    }));
  }
  return selector;
}

/** True when the selector has no requirement at all (Kubernetes: it selects everything). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

function requirementMiss(req: LabelSelectorRequirement, labels: Record<string, string>, subject: string): SelectorMiss | undefined {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  const values = (req.values ?? []).map(text).filter((v): v is string => v !== undefined);
  const list = `[${values.join(', ')}]`;
  switch (req.operator) {
    case 'In':
      if (!has) return { key: req.key, reason: `${subject} has no label ${req.key}` };
      if (!values.includes(value as string)) return { key: req.key, reason: `${subject} has ${req.key}=${value}, not in ${list}` };
      return undefined;
    case 'NotIn':
      if (has && values.includes(value as string))
        return { key: req.key, reason: `${subject} has ${req.key}=${value}, which the selector excludes (notin ${list})` };
      return undefined;
    case 'Exists':
      return has ? undefined : { key: req.key, reason: `${subject} has no label ${req.key}` };
    case 'DoesNotExist':
      return has ? { key: req.key, reason: `${subject} has label ${req.key}, which the selector requires to be absent` } : undefined;
    default:
      return { key: req.key, reason: `operator ${JSON.stringify(req.operator)} is not a valid selector operator` };
  }
}

/**
 * The first reason the selector does not select `labels`, or undefined when it does. An empty
 * selector selects everything; a selector with an invalid operator selects nothing.
 * `subject` names the labelled thing in the reason ("template", "pod").
 */
export function selectorMiss(selector: LabelSelector, labels: Record<string, string>, subject = 'template'): SelectorMiss | undefined {
  for (const [key, raw] of Object.entries(selector.matchLabels ?? {})) {
    const want = text(raw) ?? '';
    if (!Object.prototype.hasOwnProperty.call(labels, key)) return { key, reason: `${subject} has no label ${key}` };
    if (labels[key] !== want) return { key, reason: `${subject} has ${key}=${labels[key]}` };
  }
  for (const req of selector.matchExpressions ?? []) {
    const miss = requirementMiss(req, labels, subject);
    if (miss) return miss;
  }
  return undefined;
}

/** Whether a metav1.LabelSelector selects the labels. An empty selector selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  return selectorMiss(selector, labels) === undefined;
}

/**
 * Whether a map selector (Service `spec.selector`, ReplicationController `spec.selector`) selects the
 * labels: every key present with the same value. An empty or missing map selects nothing here, as a
 * Service without a selector selects no pods.
 */
export function mapSelectorMatches(selector: Record<string, unknown> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  if (entries.length === 0) return false;
  return entries.every(([key, raw]) => Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === (text(raw) ?? ''));
}
