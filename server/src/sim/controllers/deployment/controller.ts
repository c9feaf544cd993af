import type { Controller, SimContext } from '../../context';
import type { StoreChange } from '../../store/store';
import type { KObject } from '../../types';
import { matchesSelector, selectorIsEmpty } from '../../util/labels';
import { controllerRef, splitKey } from '../../util/pods';
import type { ReplicaSet } from '../replicaset';
import { claimReplicaSets, cleanupDeployment, createNewReplicaSet, findNewReplicaSet, replicas, revisionOf, scaleReplicaSet, setNewReplicaSetAnnotations } from './replicaSets';
import { newRSNewReplicas, oldPodsRunning, proportionalScale, reconcileNewReplicaSet, reconcileOldReplicaSets } from './rollout';
import { deploymentComplete, calculateStatus, getDeploymentCondition, hasProgressDeadline, newCondition, setDeploymentCondition, syncDeploymentStatus, syncRolloutStatus, writeStatus } from './status';
import { DESIRED_REPLICAS, REVISION, SOURCE, type Deployment } from './types';

/** The Deployment controller (pkg/controller/deployment), one reconcile step per sync. */
export function deploymentController(ctx: SimContext): Controller {
  const name = 'deployment';
  const enqueue = (ns: string | undefined, n: string): void => ctx.enqueue(name, `${ns}/${n}`);
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Deployment') enqueue(obj.metadata.namespace, obj.metadata.name);
      else if (obj.kind === 'ReplicaSet') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'Deployment') enqueue(obj.metadata.namespace, ref.name);
        else if (!ref && change.type !== 'DELETED') enqueueMatching(ctx, obj, enqueue);
        const oldRef = change.old && controllerRef(change.old);
        if (oldRef?.kind === 'Deployment' && oldRef.name !== ref?.name) enqueue(obj.metadata.namespace, oldRef.name);
      } else if (obj.kind === 'Pod' && change.type === 'DELETED') {
        const rsRef = controllerRef(obj);
        if (rsRef?.kind !== 'ReplicaSet') return;
        const rs = ctx.store.get('ReplicaSet', obj.metadata.namespace, rsRef.name);
        const dRef = rs && controllerRef(rs);
        if (dRef?.kind === 'Deployment') enqueue(obj.metadata.namespace, dRef.name);
      }
    },
    reconcile(key: string) {
      const [ns, dName] = splitKey(key);
      const d = ctx.store.get<Deployment>('Deployment', ns, dName);
      if (d) syncDeployment(ctx, d);
    },
    timers: {
      'deployment.resync': (key) => ctx.enqueue(name, key),
    },
  };
}

function enqueueMatching(ctx: SimContext, rs: KObject, enqueue: (ns: string | undefined, n: string) => void): void {
  for (const d of ctx.store.list<Deployment>('Deployment', rs.metadata.namespace)) {
    if (matchesSelector(d.spec.selector, rs.metadata.labels)) enqueue(d.metadata.namespace, d.metadata.name);
  }
}

function reread(ctx: SimContext, d: Deployment): Deployment {
  return ctx.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name) ?? d;
}

function rereadAll(ctx: SimContext, list: ReplicaSet[]): ReplicaSet[] {
  return list.map((rs) => ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name)).filter((rs): rs is ReplicaSet => !!rs);
}

export function syncDeployment(ctx: SimContext, input: Deployment): void {
  let d = input;
  if (selectorIsEmpty(d.spec.selector)) {
    ctx.record(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', SOURCE);
    if (d.status?.observedGeneration !== d.metadata.generation) writeStatus(ctx, d, { ...(d.status ?? {}), observedGeneration: d.metadata.generation });
    return;
  }
  const rsList = claimReplicaSets(ctx, d);
  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = getAllReplicaSets(ctx, d, rsList, false);
    syncDeploymentStatus(ctx, reread(ctx, d), [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
    return;
  }
  checkPausedConditions(ctx, d);
  d = reread(ctx, d);
  if (d.spec.paused) {
    syncScale(ctx, d, rsList);
    return;
  }
  if (isScalingEvent(ctx, d, rsList)) {
    syncScale(ctx, reread(ctx, d), rereadAll(ctx, rsList));
    return;
  }
  d = reread(ctx, d);
  if (d.spec.strategy?.type === 'Recreate') rolloutRecreate(ctx, d, rereadAll(ctx, rsList));
  else rolloutRolling(ctx, d, rereadAll(ctx, rsList));
}

function checkPausedConditions(ctx: SimContext, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  if (cond?.reason === 'ProgressDeadlineExceeded') return;
  const pausedExists = cond?.reason === 'DeploymentPaused';
  const status = { ...(d.status ?? {}), conditions: [...(d.status?.conditions ?? [])] };
  if (d.spec.paused && !pausedExists) setDeploymentCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', ctx.nowIso()));
  else if (!d.spec.paused && pausedExists) setDeploymentCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', ctx.nowIso()));
  else return;
  writeStatus(ctx, d, status);
}

function isScalingEvent(ctx: SimContext, d: Deployment, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSets(ctx, d, rsList, false);
  for (const rs of [...oldRSs, ...(newRS ? [newRS] : [])]) {
    if (replicas(rs) === 0) continue;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    if (desired === undefined || !Number.isFinite(Number(desired))) continue;
    if (Number(desired) !== d.spec.replicas) return true;
  }
  return false;
}

/** sync(): scaling (proportional) and, when paused, cleanup; status without progress. */
function syncScale(ctx: SimContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(ctx, d, rsList, false);
  proportionalScale(ctx, d, newRS, oldRSs);
  const fresh = reread(ctx, d);
  const olds = rereadAll(ctx, oldRSs);
  if (fresh.spec.paused) cleanupDeployment(ctx, fresh, olds);
  const newFresh = newRS && ctx.store.get<ReplicaSet>('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name);
  syncDeploymentStatus(ctx, fresh, rereadAll(ctx, [...oldRSs, ...(newRS ? [newRS] : [])]), newFresh);
}

function rolloutRolling(ctx: SimContext, d: Deployment, rsList: ReplicaSet[]): void {
  const got = getAllReplicaSets(ctx, d, rsList, true);
  if (!got.newRS) return;
  d = reread(ctx, d);
  let newRS = got.newRS;
  let oldRSs = got.oldRSs;
  const all = (): ReplicaSet[] => [...oldRSs, newRS];
  if (reconcileNewReplicaSet(ctx, d, all(), newRS)) {
    syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), rereadAll(ctx, [newRS])[0]);
    return;
  }
  newRS = rereadAll(ctx, [newRS])[0] ?? newRS;
  const activeOld = oldRSs.filter((rs) => replicas(rs) > 0);
  if (reconcileOldReplicaSets(ctx, d, all(), activeOld, newRS)) {
    syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), rereadAll(ctx, [newRS])[0]);
    return;
  }
  oldRSs = rereadAll(ctx, oldRSs);
  d = reread(ctx, d);
  if (deploymentComplete(d, calculateStatus(ctx, d, all(), newRS))) cleanupDeployment(ctx, d, oldRSs);
  syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), rereadAll(ctx, [newRS])[0]);
}

function rolloutRecreate(ctx: SimContext, d: Deployment, rsList: ReplicaSet[]): void {
  let { newRS, oldRSs } = getAllReplicaSets(ctx, d, rsList, false);
  const all = (): ReplicaSet[] => [...oldRSs, ...(newRS ? [newRS] : [])];
  const activeOld = oldRSs.filter((rs) => replicas(rs) > 0);
  let scaled = false;
  for (const rs of activeOld) if (replicas(rs) !== 0 && scaleReplicaSet(ctx, d, rs, 0)) scaled = true;
  if (scaled) {
    syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), newRS && rereadAll(ctx, [newRS])[0]);
    return;
  }
  if (oldPodsRunning(ctx, newRS, oldRSs)) {
    syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), newRS && rereadAll(ctx, [newRS])[0]);
    return;
  }
  if (!newRS) {
    const got = getAllReplicaSets(ctx, reread(ctx, d), rereadAll(ctx, rsList), true);
    newRS = got.newRS;
    oldRSs = got.oldRSs;
  }
  d = reread(ctx, d);
  if (newRS && replicas(newRS) !== d.spec.replicas) scaleReplicaSet(ctx, d, newRS, d.spec.replicas);
  oldRSs = rereadAll(ctx, oldRSs);
  const fresh = newRS && rereadAll(ctx, [newRS])[0];
  if (deploymentComplete(d, calculateStatus(ctx, d, rereadAll(ctx, all()), fresh))) cleanupDeployment(ctx, d, oldRSs);
  syncRolloutStatus(ctx, reread(ctx, d), rereadAll(ctx, all()), fresh);
}

/**
 * getAllReplicaSetsAndSyncRevision: finds the new RS (creating it when `create`), syncs its revision
 * annotations, and records the Progressing condition for a new or found RS.
 */
export function getAllReplicaSets(ctx: SimContext, d: Deployment, rsList: ReplicaSet[], create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const newRevision = maxOld + 1;
  if (existing) {
    let rs = existing;
    const draftCheck = JSON.parse(JSON.stringify(existing)) as ReplicaSet;
    const annotationsChanged = setNewReplicaSetAnnotations(d, draftCheck, newRevision, true);
    const minReadyChanged = (existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      rs = ctx.store.mutate(existing, (draft) => {
        setNewReplicaSetAnnotations(d, draft, newRevision, true);
        draft.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      });
    }
    syncDeploymentRevisionAndFound(ctx, d, rs);
    return { newRS: rs, oldRSs };
  }
  if (!create) return { oldRSs };
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = reread(ctx, d);
    const replicasCount = newRSNewReplicas(current, oldRSs, undefined);
    const result = createNewReplicaSet(ctx, current, newRevision, replicasCount);
    if (result.collision) {
      writeStatus(ctx, current, { ...(current.status ?? {}), collisionCount: (current.status?.collisionCount ?? 0) + 1 });
      continue;
    }
    if (result.error) {
      const status = { ...(current.status ?? {}), conditions: [...(current.status?.conditions ?? [])] };
      if (hasProgressDeadline(current)) setDeploymentCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', `Failed to create new replica set "${current.metadata.name}": ${result.error}`, ctx.nowIso()));
      ctx.record(current, 'Warning', 'ReplicaSetCreateError', `Failed to create new replica set "${current.metadata.name}": ${result.error}`, SOURCE);
      writeStatus(ctx, current, status);
      return { oldRSs };
    }
    const rs = result.rs!;
    if (replicasCount > 0 && result.created) {
      ctx.record(current, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${replicasCount}`, SOURCE);
    }
    const fresh = reread(ctx, current);
    setDeploymentRevision(ctx, fresh, rs.metadata.annotations?.[REVISION]);
    if (hasProgressDeadline(fresh)) {
      const after = reread(ctx, fresh);
      const status = { ...(after.status ?? {}), conditions: [...(after.status?.conditions ?? [])] };
      setDeploymentCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rs.metadata.name}"`, ctx.nowIso()));
      writeStatus(ctx, after, status);
    }
    return { newRS: rs, oldRSs };
  }
  return { oldRSs };
}

function syncDeploymentRevisionAndFound(ctx: SimContext, d: Deployment, rs: ReplicaSet): void {
  setDeploymentRevision(ctx, d, rs.metadata.annotations?.[REVISION]);
  const fresh = reread(ctx, d);
  if (hasProgressDeadline(fresh) && !getDeploymentCondition(fresh.status, 'Progressing')) {
    const status = { ...(fresh.status ?? {}), conditions: [...(fresh.status?.conditions ?? [])] };
    setDeploymentCondition(status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rs.metadata.name}"`, ctx.nowIso()));
    writeStatus(ctx, fresh, status);
  }
}

function setDeploymentRevision(ctx: SimContext, d: Deployment, revision: string | undefined): void {
  if (revision === undefined || d.metadata.annotations?.[REVISION] === revision) return;
  ctx.store.mutate(reread(ctx, d), (draft) => {
    draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), [REVISION]: revision };
  });
}
