/**
 * Label selectors (matchLabels + matchExpressions) evaluated against the pod templates of the
 * workspace, for the checks that ask "does this selector select any pod?" (NetworkPolicy,
 * PodDisruptionBudget). Labels a controller adds to its pods (pod-template-hash, job-name…) count.
 */
import { resourceRange } from '../../model/resource';
import { labelMap, type LabelSelector, type LabelSelectorRequirement } from '../../rules/util/selectors';
import type { RelatedLocation } from '../../types';
import { anyNamespaceLabelKey, anyValueLabelKey, implicitLabelKey, templateKey } from '../dependencyKeys';
import type { Placement, PodTemplate } from '../model';
import { formatLabels } from '../podTemplates';
import { buildsCompatible, type CrossCheckContext } from './context';
import { named, namespacesText } from './describe';

function requirementHolds(req: LabelSelectorRequirement, t: PodTemplate): boolean {
  const has = Object.prototype.hasOwnProperty.call(t.labels, req.key);
  const implicit = t.implicitLabels.get(req.key);
  const values = (req.values ?? []).map((v) => (typeof v === 'string' ? v : String(v)));
  switch (req.operator) {
    case 'In':
      return (has && values.includes(t.labels[req.key])) || (implicit !== undefined && values.some((v) => implicit(v)));
    case 'NotIn':
      return !(has && values.includes(t.labels[req.key]));
    case 'Exists':
      return has || implicit !== undefined;
    case 'DoesNotExist':
      return !has && implicit === undefined;
    default:
      return false;
  }
}

/** Whether the selector selects the pods of the template (an empty selector selects every pod). */
export function selectsTemplate(selector: LabelSelector, t: PodTemplate): boolean {
  for (const [key, value] of Object.entries(labelMap(selector.matchLabels))) {
    if (t.labels[key] === value) continue;
    if (t.implicitLabels.get(key)?.(value)) continue;
    return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementHolds(req, t));
}

/**
 * The labels a selector requires to be present: matchLabels entries and In/Exists keys. A selector
 * without any (empty, or only NotIn/DoesNotExist) selects pods the workspace may not show, so the
 * no-match checks leave it alone.
 */
export function requiredKeys(selector: LabelSelector): string[] {
  const keys = Object.keys(labelMap(selector.matchLabels));
  for (const req of selector.matchExpressions ?? []) if (req.operator === 'In' || req.operator === 'Exists') keys.push(req.key);
  return [...new Set(keys)];
}

/** `app=web, tier in (a, b), !legacy` — the selector the way kubectl prints it. */
export function selectorText(selector: LabelSelector): string {
  const parts = Object.entries(labelMap(selector.matchLabels)).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).map(String).join(', ');
    if (req.operator === 'In') parts.push(`${req.key} in (${values})`);
    else if (req.operator === 'NotIn') parts.push(`${req.key} notin (${values})`);
    else if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
  }
  return parts.join(', ');
}

/** Records what the answer depends on: templates carrying any of the selector's keys, in each namespace. */
export function useSelectorKeys(ctx: CrossCheckContext, selector: LabelSelector, namespaces: Iterable<string> | '*'): void {
  const keys = new Set([...Object.keys(labelMap(selector.matchLabels)), ...(selector.matchExpressions ?? []).map((r) => r.key)]);
  for (const key of keys) {
    if (namespaces === '*') ctx.use(anyNamespaceLabelKey(key));
    else
      for (const ns of namespaces) {
        ctx.use(anyValueLabelKey(ns, key));
        ctx.use(implicitLabelKey(ns, key));
      }
  }
}

/** Selectable templates the selector selects in any namespace, visible from the placement's build. */
export function selectedAnywhere(ctx: CrossCheckContext, selector: LabelSelector, from: Placement): PodTemplate[] {
  const [key] = requiredKeys(selector);
  return [...ctx.queries.templatesAnywhere(key)].filter(
    (t) => t.selectable && selectsTemplate(selector, t) && t.owner.placements.some((p) => buildsCompatible(from.build, p.build)),
  );
}

/** Selectable templates the selector selects in `namespace`, visible from the placement's build. */
export function selectedIn(ctx: CrossCheckContext, selector: LabelSelector, namespace: string, from: Placement): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const t of ctx.queries.templatesIn(namespace)) {
    if (!t.selectable || !selectsTemplate(selector, t)) continue;
    if (t.owner.placements.some((p) => p.namespace === namespace && buildsCompatible(from.build, p.build))) out.push(t);
  }
  return out;
}

function templateLabel(t: PodTemplate): string {
  return named(t.owner.resource.kind, t.owner.resource.name ?? '(unnamed)');
}

function templateRelated(t: PodTemplate, message: string): RelatedLocation {
  return { uri: t.owner.resource.uri, range: resourceRange(t.owner.resource, t.labelsPath, 'key'), message };
}

export interface NoMatch {
  /** "NetworkPolicy 'deny' selects no pods" */
  subject: string;
  /** Namespaces that were searched, for the message; '*' for every namespace. */
  namespaces: string[];
  /** Where the pods of this object must be, for the "exists in namespace X" hint. */
  scope: string;
}

/**
 * The message (and related locations) for a selector that selects nothing in its namespaces: names
 * templates that match in another namespace ("exists in namespace X"), else the closest template.
 */
export function noMatchReport(ctx: CrossCheckContext, selector: LabelSelector, miss: NoMatch): { message: string; related: RelatedLocation[] } {
  const everywhere = miss.namespaces.includes('*');
  useSelectorKeys(ctx, selector, '*');
  let message = `${miss.subject}: no Pod or pod template in ${everywhere ? 'any namespace' : namespacesText(miss.namespaces)} matches ${selectorText(selector)}.`;
  if (everywhere) return { message, related: [] };
  const [firstKey] = requiredKeys(selector);
  const searched = new Set(miss.namespaces);
  const elsewhere = [...ctx.queries.templatesAnywhere(firstKey)].filter(
    (t) => t.selectable && selectsTemplate(selector, t) && t.owner.placements.some((p) => !searched.has(p.namespace)),
  );
  if (elsewhere.length > 0) {
    const t = elsewhere[0];
    const ns = t.owner.placements.find((p) => !searched.has(p.namespace))?.namespace ?? '';
    ctx.use(templateKey(t));
    message += ` ${templateLabel(t)} has these labels in namespace '${ns}', but ${miss.scope}.`;
    return { message, related: [templateRelated(t, `${templateLabel(t)} in namespace '${ns}'`)] };
  }
  const candidates: [PodTemplate, number][] = [];
  for (const ns of searched) {
    for (const t of ctx.queries.templatesIn(ns)) {
      const score = requiredKeys(selector).filter((k) => Object.prototype.hasOwnProperty.call(t.labels, k)).length;
      if (t.selectable && score > 0) candidates.push([t, score]);
    }
  }
  const closest = candidates.sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!closest) return { message, related: [] };
  ctx.use(templateKey(closest));
  message += ` Closest: ${templateLabel(closest)} with ${formatLabels(closest.labels)}.`;
  return { message, related: [templateRelated(closest, `${templateLabel(closest)} has labels ${formatLabels(closest.labels)}`)] };
}
