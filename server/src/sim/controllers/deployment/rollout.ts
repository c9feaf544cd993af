import type { SimContext } from '../../context';
import type { Pod } from '../../types';
import { isPodAvailable } from '../../util/pods';
import type { ReplicaSet } from '../replicaset';
import { isRollingUpdate, maxSurge, maxUnavailable } from './fenceposts';
import { byCreation, replicas, scaleReplicaSet } from './replicaSets';
import type { Deployment } from './types';

/** NewRSNewReplicas. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): number {
  if (!isRollingUpdate(d)) return d.spec.replicas;
  const newReplicas = newRS ? replicas(newRS) : 0;
  const maxTotal = d.spec.replicas + maxSurge(d);
  const current = allRSs.reduce((sum, rs) => sum + replicas(rs), 0);
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, d.spec.replicas - newReplicas);
}

/** reconcileNewReplicaSet; returns whether it scaled. */
export function reconcileNewReplicaSet(ctx: SimContext, d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (replicas(newRS) === d.spec.replicas) return false;
  if (replicas(newRS) > d.spec.replicas) return scaleReplicaSet(ctx, d, newRS, d.spec.replicas);
  return scaleReplicaSet(ctx, d, newRS, newRSNewReplicas(d, allRSs, newRS));
}

/** reconcileOldReplicaSets; returns whether it scaled. */
export function reconcileOldReplicaSets(ctx: SimContext, d: Deployment, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  const oldCount = oldRSs.reduce((s, rs) => s + replicas(rs), 0);
  if (oldCount === 0) return false;
  const allCount = allRSs.reduce((s, rs) => s + replicas(rs), 0);
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const newUnavailable = newRS ? replicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = allCount - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const sorted = [...oldRSs].sort(byCreation);
  // cleanupUnhealthyReplicas
  let cleaned = 0;
  const afterCleanup: ReplicaSet[] = [];
  for (const rs of sorted) {
    let current = rs;
    if (cleaned < maxScaledDown && replicas(rs) !== 0) {
      const unhealthy = replicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (unhealthy > 0) {
        const down = Math.min(maxScaledDown - cleaned, unhealthy);
        scaleReplicaSet(ctx, d, rs, replicas(rs) - down);
        cleaned += down;
        current = ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
      }
    }
    afterCleanup.push(current);
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const all = newRS ? [...afterCleanup, newRS] : afterCleanup;
  const available = all.reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
  let scaledDown = 0;
  if (available > minAvailable) {
    const budget = available - minAvailable;
    for (const rs of [...afterCleanup].sort(byCreation)) {
      if (scaledDown >= budget) break;
      if (replicas(rs) === 0) continue;
      const down = Math.min(replicas(rs), budget - scaledDown);
      scaleReplicaSet(ctx, d, rs, replicas(rs) - down);
      scaledDown += down;
    }
  }
  return cleaned + scaledDown > 0;
}

/** oldPodsRunning (Recreate): any old pod that is not terminal, or old ReplicaSets still reporting replicas. */
export function oldPodsRunning(ctx: SimContext, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (oldRSs.reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0) > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const dep of ctx.store.dependents(rs.metadata.uid)) {
      if (dep.kind !== 'Pod') continue;
      const phase = (dep as Pod).status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** FindActiveOrLatest. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = [...olds, ...(newRS ? [newRS] : [])].filter((rs) => replicas(rs) > 0);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** scale() in sync.go: the whole count to a single active RS, or proportional scaling. */
export function proportionalScale(ctx: SimContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (replicas(single) !== d.spec.replicas) scaleReplicaSet(ctx, d, single, d.spec.replicas);
    return;
  }
  if (newRS && isSaturated(d, newRS)) {
    for (const old of oldRSs) if (replicas(old) > 0) scaleReplicaSet(ctx, d, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => replicas(rs) > 0);
  const current = active.reduce((s, rs) => s + replicas(rs), 0);
  const allowed = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
  const toAdd = allowed - current;
  if (toAdd > 0) active.sort((a, b) => replicas(b) - replicas(a) || -byCreation(a, b));
  else if (toAdd < 0) active.sort((a, b) => replicas(b) - replicas(a) || byCreation(a, b));
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of active) {
    if (toAdd !== 0) {
      const proportion = getProportion(d, rs, toAdd, added);
      sizes.set(rs.metadata.name, replicas(rs) + proportion);
      added += proportion;
    } else sizes.set(rs.metadata.name, replicas(rs));
  }
  active.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added));
    scaleReplicaSet(ctx, d, rs, sizes.get(rs.metadata.name)!);
  });
}

function isSaturated(d: Deployment, rs: ReplicaSet): boolean {
  const desired = Number(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']);
  return desired === d.spec.replicas && replicas(rs) === d.spec.replicas && (rs.status?.availableReplicas ?? 0) === d.spec.replicas;
}

function getProportion(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
  if (replicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(d, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(d: Deployment, rs: ReplicaSet): number {
  if (d.spec.replicas === 0) return -replicas(rs);
  const maxReplicas = d.spec.replicas + maxSurge(d);
  let before = Number(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']);
  if (!Number.isFinite(before) || before === 0) before = d.status?.replicas ?? 0;
  if (before === 0) return 0;
  const size = (replicas(rs) * maxReplicas) / before;
  return roundHalfAway(size) - replicas(rs);
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Available pods of a ReplicaSet right now (used by tests and queries). */
export function availablePods(ctx: SimContext, rs: ReplicaSet): number {
  let n = 0;
  for (const dep of ctx.store.dependents(rs.metadata.uid)) if (dep.kind === 'Pod' && !dep.metadata.deletionTimestamp && isPodAvailable(dep as Pod, rs.spec.minReadySeconds ?? 0, ctx.now())) n++;
  return n;
}
