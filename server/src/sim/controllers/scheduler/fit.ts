import type { KObject, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from '../../types';
import { bytes, milliCpu } from '../../util/quantity';

export interface Resources {
  cpu: number;
  memory: number;
}

export type SimNode = KObject & {
  spec: { unschedulable?: boolean; taints?: Taint[]; podCIDR?: string };
  status: { allocatable: Record<string, string>; capacity: Record<string, string>; conditions?: { type: string; status: string }[] };
};

const requestCache = new WeakMap<object, Resources>();
const nonZeroCache = new WeakMap<object, Resources>();

/** Pod requests for fit: max(Σ containers, max init container) per resource; unset counts 0. Memoized per spec. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const cache = nonZero ? nonZeroCache : requestCache;
  let value = cache.get(pod.spec);
  if (!value) cache.set(pod.spec, (value = computeRequests(pod, nonZero)));
  return value;
}

function computeRequests(pod: Pod, nonZero: boolean): Resources {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const cpuReq = req.cpu !== undefined ? milliCpu(req.cpu) : c.resources?.limits?.cpu !== undefined ? milliCpu(c.resources.limits.cpu) : undefined;
    const memReq = req.memory !== undefined ? bytes(req.memory) : c.resources?.limits?.memory !== undefined ? bytes(c.resources.limits.memory) : undefined;
    cpu += cpuReq ?? (nonZero ? 100 : 0);
    memory += memReq ?? (nonZero ? 200 * 1024 * 1024 : 0);
  }
  for (const c of pod.spec.initContainers ?? []) {
    const req = c.resources?.requests ?? {};
    cpu = Math.max(cpu, req.cpu !== undefined ? milliCpu(req.cpu) : 0);
    memory = Math.max(memory, req.memory !== undefined ? bytes(req.memory) : 0);
  }
  return { cpu, memory };
}

export function allocatable(node: SimNode): { cpu: number; memory: number; pods: number } {
  const a = node.status?.allocatable ?? {};
  return { cpu: milliCpu(a.cpu ?? '0'), memory: bytes(a.memory ?? '0'), pods: Number(a.pods ?? 0) };
}

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule/NoExecute taint no toleration covers. */
export function untoleratedTaint(node: SimNode, tolerations: Toleration[] | undefined): Taint | undefined {
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/** nodeSelector AND required node affinity (terms ORed, expressions ANDed). */
export function matchesNodeAffinity(pod: Pod, node: SimNode): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((term) => matchesTerm(term, node));
}

function matchesTerm(term: NodeSelectorTerm, node: SimNode): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return exprs.every((e) => matchesRequirement(e, labels)) && fields.every((f) => f.key === 'metadata.name' && matchesRequirement({ ...f, key: 'name' }, { name: node.metadata.name }));
}

function matchesRequirement(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number.isInteger(Number(value)) && Number(value) > Number(values[0]);
    case 'Lt':
      return has && Number.isInteger(Number(value)) && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

export function isNodeReady(node: SimNode): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}
