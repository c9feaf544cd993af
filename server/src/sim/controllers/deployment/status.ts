import type { SimContext } from '../../context';
import type { Condition } from '../../types';
import { clone, deepEqual } from '../../util/clone';
import { parseTime } from '../../util/time';
import type { ReplicaSet } from '../replicaset';
import { maxUnavailable } from './fenceposts';
import { replicas } from './replicaSets';
import type { Deployment, DeploymentStatus } from './types';

const MAX_INT32 = 2147483647;

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec.progressDeadlineSeconds;
  return p !== undefined && p !== MAX_INT32;
}

export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime when only the reason changes. */
export function setDeploymentCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** calculateStatus in sync.go. */
export function calculateStatus(ctx: SimContext, d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  let total = 0;
  let statusReplicas = 0;
  let ready = 0;
  let available = 0;
  for (const rs of allRSs) {
    total += replicas(rs);
    statusReplicas += rs.status?.replicas ?? 0;
    ready += rs.status?.readyReplicas ?? 0;
    available += rs.status?.availableReplicas ?? 0;
  }
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: statusReplicas,
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(total - available, 0),
    conditions: clone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const now = ctx.nowIso();
  if (available >= d.spec.replicas - maxUnavailable(d)) {
    setDeploymentCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const r = d.spec.replicas;
  return status.updatedReplicas === r && status.replicas === r && status.availableReplicas === r && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(status, 'Progressing');
  if (!condition) return false;
  if (condition.reason === 'NewReplicaSetAvailable') return false;
  if (condition.reason === 'ProgressDeadlineExceeded') return true;
  const from = parseTime(condition.lastUpdateTime) ?? now;
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < now;
}

/** syncDeploymentStatus: status without progress estimation (scaling and paused paths). */
export function syncDeploymentStatus(ctx: SimContext, d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  writeStatus(ctx, d, calculateStatus(ctx, d, allRSs, newRS));
}

/** syncRolloutStatus in progress.go. */
export function syncRolloutStatus(ctx: SimContext, d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(ctx, d, allRSs, newRS);
  const now = ctx.nowIso();
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, 'Progressing');
  const current = getDeploymentCondition(d.status, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  if (hasProgressDeadline(d) && !isComplete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(status, 'Progressing');
      }
      setDeploymentCondition(status, condition);
    } else if (deploymentTimedOut(d, status, ctx.now())) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setDeploymentCondition(status, failure);
  else removeDeploymentCondition(status, 'ReplicaFailure');
  writeStatus(ctx, d, status);
  requeueStuckDeployment(ctx, d, status);
}

function replicaFailure(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Condition | undefined {
  const fromNew = newRS?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (fromNew) return { type: 'ReplicaFailure', status: fromNew.status, reason: fromNew.reason, message: fromNew.message, lastTransitionTime: fromNew.lastTransitionTime, lastUpdateTime: fromNew.lastTransitionTime };
  for (const rs of allRSs) {
    const c = rs.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) return { type: 'ReplicaFailure', status: c.status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime };
  }
  return undefined;
}

/** requeueStuckDeployment: come back right after the progress deadline would pass. */
function requeueStuckDeployment(ctx: SimContext, d: Deployment, status: DeploymentStatus): void {
  const current = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === 'ProgressDeadlineExceeded') return;
  const from = parseTime(current.lastUpdateTime) ?? ctx.now();
  const after = from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 - ctx.now();
  ctx.after(after < 1000 ? 1000 : after + 1000, 'deployment.resync', `${d.metadata.namespace}/${d.metadata.name}`, undefined, true);
}

export function writeStatus(ctx: SimContext, d: Deployment, status: DeploymentStatus): void {
  const current = ctx.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name);
  if (!current || deepEqual(current.status, status)) return;
  ctx.store.mutateStatus(current, (draft) => {
    draft.status = status;
  });
}
