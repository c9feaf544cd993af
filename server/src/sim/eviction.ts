import type { SimContext } from './context';
import { budgetsOfPod, type PodDisruptionBudget } from './controllers/disruption';
import { deleteObject } from './store/api';
import type { Pod } from './types';
import { isPodReady, setCondition } from './util/pods';

/** The API server's answer to a `pods/eviction` request. */
export type EvictionResult =
  | { ok: true; code: 201; message: string }
  | {
      ok: false;
      code: 404 | 429 | 500;
      reason: 'NotFound' | 'TooManyRequests' | 'InternalError';
      message: string;
      /** The budget that refused the eviction. */
      budget?: { namespace: string; name: string };
      /** The status cause (DisruptionBudget) the API server adds. */
      cause?: string;
      retryAfterSeconds?: number;
    };

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Marks a pod as the target of a disruption (the DisruptionTarget condition) before it is deleted. */
export function addDisruptionTarget(ctx: SimContext, pod: Pod, reason: string, message: string): void {
  ctx.store.mutate(pod, (p) => {
    p.status.conditions ??= [];
    setCondition(p.status.conditions, { type: 'DisruptionTarget', status: 'True', reason, message, lastProbeTime: null } as never, ctx.nowIso());
  });
}

/**
 * The eviction subresource (POST pods/<name>/eviction): deletes the pod unless a PodDisruptionBudget
 * forbids it. Pods that are terminal, pending or already terminating ignore budgets; an unready pod may
 * go while its budget is healthy (or always with unhealthyPodEvictionPolicy AlwaysAllow).
 * upstream: pkg/registry/core/pod/storage/eviction.go Create, checkAndDecrement, addConditionAndDeletePod
 */
export function evictPod(ctx: SimContext, namespace: string, name: string): EvictionResult {
  const pod = ctx.store.get<Pod>('Pod', namespace, name);
  if (!pod) return { ok: false, code: 404, reason: 'NotFound', message: `pods "${name}" not found` };
  const phase = pod.status?.phase;
  const ignoresBudgets = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignoresBudgets) {
    const budgets = budgetsOfPod(ctx, pod);
    if (budgets.length > 1)
      return {
        ok: false,
        code: 500,
        reason: 'InternalError',
        message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      };
    if (budgets.length === 1) {
      const refusal = checkBudget(ctx, budgets[0], pod);
      if (refusal) return refusal;
    }
  }
  if (!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    addDisruptionTarget(ctx, pod, 'EvictionByEvictionAPI', 'Eviction API: evicting');
  deleteObject(ctx, ctx.store.get<Pod>('Pod', namespace, name) ?? pod);
  return { ok: true, code: 201, message: `pod/${name} evicted` };
}

/** checkAndDecrement: refuses while the budget is stale or allows no disruption; otherwise records the eviction in disruptedPods. */
function checkBudget(ctx: SimContext, pdb: PodDisruptionBudget, pod: Pod): Extract<EvictionResult, { ok: false }> | undefined {
  const status = pdb.status;
  const budget = { namespace: pdb.metadata.namespace!, name: pdb.metadata.name };
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return undefined;
    if (status && status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return undefined;
  }
  const refused = (cause: string, retryAfterSeconds: number): Extract<EvictionResult, { ok: false }> => ({
    ok: false,
    code: 429,
    reason: 'TooManyRequests',
    message: EVICTION_REFUSED,
    budget,
    cause,
    retryAfterSeconds,
  });
  if (!status || (status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1))
    return refused(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`, 10);
  if (status.disruptionsAllowed <= 0)
    return refused(`The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`, 0);
  ctx.store.mutate(pdb, (p) => {
    p.status!.disruptionsAllowed -= 1;
    p.status!.disruptedPods = { ...(p.status!.disruptedPods ?? {}), [pod.metadata.name]: ctx.nowIso() };
  });
  return undefined;
}
