import type { Pod } from '../types';
import { getCondition, isPodReady, maxRestarts } from '../util/pods';
import { parseTime } from '../util/time';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePodsWithRanks ordering: pods that sort first are deleted first on scale-down.
 * `rankOf` is the number of related active pods on the same node. LogarithmicScaleDown is on.
 */
export function sortForDeletion(pods: Pod[], rankOf: (pod: Pod) => number, now: number): Pod[] {
  // Every sort key is computed once per pod, not once per comparison: a scale-down ranks thousands of pods.
  const keyed = pods.map((pod): Keyed => {
    const ready = isPodReady(pod);
    return {
      pod,
      rank: rankOf(pod),
      cost: deletionCost(pod),
      ready,
      assigned: !!pod.spec.nodeName,
      phase: PHASE_ORDINAL[pod.status?.phase] ?? 0,
      readySince: ready ? parseTime(getCondition(pod.status.conditions, 'Ready')?.lastTransitionTime) : undefined,
      restarts: maxRestarts(pod),
      created: parseTime(pod.metadata.creationTimestamp) ?? 0,
    };
  });
  keyed.sort((a, b) => (compare(a, b, now) ? -1 : compare(b, a, now) ? 1 : 0));
  return keyed.map((k) => k.pod);
}

interface Keyed {
  pod: Pod;
  rank: number;
  cost: number;
  ready: boolean;
  assigned: boolean;
  phase: number;
  readySince: number | undefined;
  restarts: number;
  created: number;
}

/** True when `a` should be deleted before `b`. */
function compare(a: Keyed, b: Keyed, now: number): boolean {
  if (a.assigned !== b.assigned) return !a.assigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready) {
    const ta = a.readySince;
    const tb = b.readySince;
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? false : true;
      const diff = logRank(now - ta) - logRank(now - tb);
      if (diff === 0) return a.pod.metadata.uid < b.pod.metadata.uid;
      return diff < 0;
    }
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.created !== b.created) {
    const diff = logRank(now - a.created) - logRank(now - b.created);
    if (diff === 0) return a.pod.metadata.uid < b.pod.metadata.uid;
    return diff < 0;
  }
  return false;
}

/** int(log2(duration in nanoseconds)), -1 for non-positive durations. */
function logRank(ms: number): number {
  return ms > 0 ? Math.floor(Math.log2(ms * 1e6)) : -1;
}

function deletionCost(pod: Pod): number {
  const value = Number(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost']);
  return Number.isInteger(value) ? value : 0;
}
