import type { Pod } from '../types';
import { getCondition, isPodReady, maxRestarts } from '../util/pods';
import { parseTime } from '../util/time';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePodsWithRanks ordering: pods that sort first are deleted first on scale-down.
 * `rankOf` is the number of related active pods on the same node. LogarithmicScaleDown is on.
 */
export function sortForDeletion(pods: Pod[], rankOf: (pod: Pod) => number, now: number): Pod[] {
  const keyed = pods.map((pod) => ({ pod, rank: rankOf(pod), cost: deletionCost(pod), ready: isPodReady(pod) }));
  keyed.sort((a, b) => (compare(a, b, now) ? -1 : compare(b, a, now) ? 1 : 0));
  return keyed.map((k) => k.pod);
}

interface Keyed {
  pod: Pod;
  rank: number;
  cost: number;
  ready: boolean;
}

/** True when `a` should be deleted before `b`. */
function compare(a: Keyed, b: Keyed, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const assignedA = !!pa.spec.nodeName;
  const assignedB = !!pb.spec.nodeName;
  if (assignedA !== assignedB) return !assignedA;
  const phaseA = PHASE_ORDINAL[pa.status?.phase] ?? 0;
  const phaseB = PHASE_ORDINAL[pb.status?.phase] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready) {
    const ta = parseTime(getCondition(pa.status.conditions, 'Ready')?.lastTransitionTime);
    const tb = parseTime(getCondition(pb.status.conditions, 'Ready')?.lastTransitionTime);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? false : true;
      const diff = logRank(now - ta) - logRank(now - tb);
      if (diff === 0) return pa.metadata.uid < pb.metadata.uid;
      return diff < 0;
    }
  }
  const ra = maxRestarts(pa);
  const rb = maxRestarts(pb);
  if (ra !== rb) return ra > rb;
  const ca = parseTime(pa.metadata.creationTimestamp) ?? 0;
  const cb = parseTime(pb.metadata.creationTimestamp) ?? 0;
  if (ca !== cb) {
    const diff = logRank(now - ca) - logRank(now - cb);
    if (diff === 0) return pa.metadata.uid < pb.metadata.uid;
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
