import type { SimContext } from '../../context';
import type { LabelSelector, Pod } from '../../types';
import { matchesSelector } from '../../util/labels';
import { isTerminal } from '../../util/pods';
import type { SimNode } from './fit';

interface AffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}
interface PodAffinitySpec {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
}

const affinityOf = (pod: Pod): PodAffinitySpec => (pod.spec.affinity ?? {}) as PodAffinitySpec;
const required = (pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): AffinityTerm[] =>
  affinityOf(pod)[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** What the InterPodAffinity filter needs from the cluster, computed once per scheduling attempt. */
export interface AffinityContext {
  /** Pods bound to nodes (terminating ones included, as in the scheduler's node info). */
  assigned: Pod[];
  /** The assigned pods with required anti-affinity terms. */
  withAntiAffinity: Pod[];
  nodes: Map<string, SimNode>;
  namespaceLabels: Map<string, Record<string, string>>;
}

export function affinityContext(ctx: SimContext, nodes: SimNode[]): AffinityContext {
  const assigned = ctx.store.list<Pod>('Pod').filter((p) => p.spec.nodeName && !isTerminal(p));
  return {
    assigned,
    withAntiAffinity: assigned.filter((p) => required(p, 'podAntiAffinity').length > 0),
    nodes: new Map(nodes.map((n) => [n.metadata.name, n])),
    namespaceLabels: new Map(ctx.store.list('Namespace').map((n) => [n.metadata.name, n.metadata.labels ?? {}])),
  };
}

/** Whether a term (of `owner`, a pod) selects `pod`: namespaces (default: the owner's), namespaceSelector, labelSelector. */
function termMatches(term: AffinityTerm, owner: Pod, pod: Pod, actx: AffinityContext): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  const inNamespaces = (term.namespaces ?? []).includes(ns);
  const bySelector = term.namespaceSelector !== undefined && matchesSelector(term.namespaceSelector, actx.namespaceLabels.get(ns));
  if (
    !inNamespaces &&
    !bySelector &&
    !((term.namespaces ?? []).length === 0 && term.namespaceSelector === undefined && ns === (owner.metadata.namespace ?? 'default'))
  )
    return false;
  return term.labelSelector !== undefined && matchesSelector(term.labelSelector, pod.metadata.labels);
}

function sameDomain(a: SimNode, b: SimNode | undefined, key: string): boolean {
  const value = a.metadata.labels?.[key];
  return value !== undefined && b?.metadata.labels?.[key] === value;
}

/**
 * The InterPodAffinity filter for one node: the pod's required affinity, its required anti-affinity,
 * then the required anti-affinity of the pods already running. Returns the scheduler's reason.
 * upstream: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go Filter
 */
export function interPodAffinityFailure(pod: Pod, node: SimNode, actx: AffinityContext): { reason: string; resolvable: boolean } | undefined {
  const affinity = required(pod, 'podAffinity');
  if (affinity.length > 0) {
    const satisfied = affinity.every((term) =>
      actx.assigned.some((p) => termMatches(term, pod, p, actx) && sameDomain(node, actx.nodes.get(p.spec.nodeName!), term.topologyKey)),
    );
    if (!satisfied) {
      // The first pod of a group may go anywhere its topology keys exist, if it matches its own terms.
      const anyMatch = actx.assigned.some((p) => affinity.every((term) => termMatches(term, pod, p, actx)));
      const self = affinity.every((term) => termMatches(term, pod, pod, actx) && node.metadata.labels?.[term.topologyKey] !== undefined);
      if (anyMatch || !self) return { reason: "node(s) didn't match pod affinity rules", resolvable: false };
    }
  }
  for (const term of required(pod, 'podAntiAffinity')) {
    if (actx.assigned.some((p) => termMatches(term, pod, p, actx) && sameDomain(node, actx.nodes.get(p.spec.nodeName!), term.topologyKey)))
      return { reason: "node(s) didn't match pod anti-affinity rules", resolvable: true };
  }
  for (const existing of actx.withAntiAffinity) {
    for (const term of required(existing, 'podAntiAffinity')) {
      if (termMatches(term, existing, pod, actx) && sameDomain(node, actx.nodes.get(existing.spec.nodeName!), term.topologyKey))
        return { reason: "node(s) didn't satisfy existing pods anti-affinity rules", resolvable: true };
    }
  }
  return undefined;
}
