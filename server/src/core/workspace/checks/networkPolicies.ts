/**
 * networkpolicy-no-match: a NetworkPolicy whose `podSelector` selects no pod template in its
 * namespace protects nothing; a peer `podSelector` (ingress `from`, egress `to`) that selects no pod
 * in the namespaces it looks in allows traffic from or to nobody. Both are usually a label typo or a
 * policy in the wrong namespace.
 *
 * Only selectors that require a label are judged (an empty selector selects every pod, and pods of
 * the namespace may come from outside the workspace). A peer with a `namespaceSelector` is judged
 * when the namespaces are known: `{}` (every namespace) or `kubernetes.io/metadata.name`.
 */
import type { JsonPath } from '../../model/locate';
import { readLabelSelector, labelMap, type LabelSelector } from '../../rules/util/selectors';
import type { IndexedResource, Placement } from '../model';
import { IMPLICIT_LABEL_KEYS } from '../podTemplates';
import { diagnostic, type CrossCheckContext } from './context';
import { named } from './describe';
import { noMatchReport, requiredKeys, selectedAnywhere, selectedIn, useSelectorKeys } from './podSelection';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** The namespaces a peer's namespaceSelector selects: '*' for all, undefined when the workspace cannot tell. */
function peerNamespaces(selector: LabelSelector): string[] | '*' | undefined {
  const labels = labelMap(selector.matchLabels);
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(labels).length === 0 && expressions.length === 0) return '*';
  if (Object.keys(labels).some((k) => k !== NAME_LABEL) || expressions.some((e) => e.key !== NAME_LABEL || e.operator !== 'In')) return undefined;
  let names: string[] | undefined = labels[NAME_LABEL] !== undefined ? [labels[NAME_LABEL]] : undefined;
  for (const e of expressions) {
    const values = (e.values ?? []).map(String);
    names = names ? names.filter((n) => values.includes(n)) : values;
  }
  return names ?? [];
}

function checkSelector(
  entry: IndexedResource,
  ctx: CrossCheckContext,
  path: JsonPath,
  selector: LabelSelector,
  namespacesOf: (p: Placement) => string[] | '*',
  what: string,
  scope: string,
): void {
  if (requiredKeys(selector).length === 0) return;
  const missing: string[] = [];
  for (const placement of entry.placements) {
    const namespaces = namespacesOf(placement);
    useSelectorKeys(ctx, selector, namespaces);
    if (namespaces === '*') {
      // Labels controllers add (job-name, pod-template-hash…) are not indexed across namespaces.
      if (requiredKeys(selector).some((k) => IMPLICIT_LABEL_KEYS.has(k))) continue;
      if (selectedAnywhere(ctx, selector, placement).length === 0) missing.push('*');
    } else if (namespaces.every((ns) => selectedIn(ctx, selector, ns, placement).length === 0)) {
      missing.push(...namespaces);
    }
  }
  if (missing.length === 0) return;
  const subject = `${named('NetworkPolicy', entry.resource.name ?? '')}: ${what} selects no pods`;
  const { message, related } = noMatchReport(ctx, selector, { subject, namespaces: [...new Set(missing)], scope });
  ctx.report(diagnostic(entry.resource, 'networkpolicy-no-match', path, message, { target: 'key', related }));
}

export function checkNetworkPolicy(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { object, kind, group } = entry.resource;
  if (kind !== 'NetworkPolicy' || group !== 'networking.k8s.io' || !ctx.enabled('networkpolicy-no-match')) return;
  const spec = object.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return;
  const own = (p: Placement) => [p.namespace];
  const podSelector = readLabelSelector((spec as Record<string, unknown>).podSelector);
  if (podSelector)
    checkSelector(entry, ctx, ['spec', 'podSelector'], podSelector, own, 'spec.podSelector', 'a NetworkPolicy only applies to pods in its own namespace');
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = (spec as Record<string, unknown>)[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, r) => {
      const list = typeof rule === 'object' && rule !== null ? (rule as Record<string, unknown>)[peers] : undefined;
      if (!Array.isArray(list)) return;
      list.forEach((peer, i) => {
        if (typeof peer !== 'object' || peer === null) return;
        const selector = readLabelSelector((peer as Record<string, unknown>).podSelector);
        if (!selector) return;
        const nsSelector = readLabelSelector((peer as Record<string, unknown>).namespaceSelector);
        const namespaces = nsSelector ? peerNamespaces(nsSelector) : undefined;
        if (nsSelector && namespaces === undefined) return;
        const path: JsonPath = ['spec', direction, r, peers, i, 'podSelector'];
        const what = `${direction}[${r}].${peers}[${i}].podSelector`;
        const scope = nsSelector
          ? 'the peer namespaceSelector does not select that namespace'
          : "a peer podSelector without namespaceSelector only selects pods in the policy's namespace";
        checkSelector(entry, ctx, path, selector, (p) => (namespaces === undefined ? [p.namespace] : namespaces), what, scope);
      });
    });
  }
}
