import type { Controller, SimContext } from '../context';
import { ApiError, createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { Condition, KObject, LabelSelector, Pod, PodTemplate } from '../types';
import { clone } from '../util/clone';
import { matchesLabels, matchesSelector, matchesSelectorCached } from '../util/labels';
import { controllerRef, isPodActive, isPodAvailable, isPodReady, ownerRefTo, splitKey } from '../util/pods';
import { parseTime } from '../util/time';
import { sortForDeletion } from './ranking';

export const BURST_REPLICAS = 500;
/** slowStartBatch's first batch size (controller.SlowStartInitialBatchSize). */
const SLOW_START_INITIAL_BATCH = 1;
/** Back-off before a ReplicaSet whose creates were refused is synced again. */
export const FAILED_CREATE_RETRY_MS = 10_000;
/** Window over which readiness changes of a ReplicaSet's pods are coalesced into one sync. */
export const STATUS_BATCH_MS = 100;

export interface ReplicaSetSpec {
  replicas: number;
  minReadySeconds?: number;
  selector: LabelSelector;
  template: PodTemplate;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export type ReplicaSet = KObject & { spec: ReplicaSetSpec; status?: ReplicaSetStatus };

/** The ReplicaSet controller: claims pods, creates and deletes them, and writes status. */
export function replicaSetController(ctx: SimContext): Controller {
  const name = 'replicaset';
  /** ReplicaSets that may have orphans to adopt (not serialized: after a restore every ReplicaSet is rescanned once). */
  let adoption = new Set<string>();
  return {
    name,
    reset() {
      adoption = new Set(ctx.store.list('ReplicaSet').map((rs) => `${rs.metadata.namespace}/${rs.metadata.name}`));
    },
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'ReplicaSet') {
        const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
        if (change.type === 'ADDED' || (change.old && (change.old as ReplicaSet).spec.selector !== (obj as ReplicaSet).spec.selector)) adoption.add(key);
        ctx.enqueue(name, key);
      } else if (obj.kind === 'Pod') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'ReplicaSet') {
          const relevance = podChangeRelevance(change);
          const key = `${obj.metadata.namespace}/${ref.name}`;
          if (relevance === 'now') ctx.enqueue(name, key);
          else if (relevance === 'status') {
            // Status-only pod changes (readiness, phase) are coalesced over a short window, like an
            // informer-driven work queue that is busy; structural changes are handled at once.
            const pending = ctx.state<Record<string, true>>('replicaset.pending', () => ({}));
            if (!pending[key]) {
              pending[key] = true;
              ctx.after(STATUS_BATCH_MS, 'replicaset.batch', key);
            }
          }
        }
        const oldRef = change.old && controllerRef(change.old);
        if (oldRef?.kind === 'ReplicaSet' && oldRef.name !== ref?.name) ctx.enqueue(name, `${obj.metadata.namespace}/${oldRef.name}`);
        if (!ref && change.type !== 'DELETED' && !obj.metadata.deletionTimestamp) {
          for (const rs of ctx.store.list<ReplicaSet>('ReplicaSet', obj.metadata.namespace)) {
            if (matchesSelector(rs.spec.selector, obj.metadata.labels)) {
              adoption.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
              ctx.enqueue(name, `${rs.metadata.namespace}/${rs.metadata.name}`);
            }
          }
        }
      }
    },
    reconcile(key: string) {
      const [ns, rsName] = splitKey(key);
      const rs = ctx.store.get<ReplicaSet>('ReplicaSet', ns, rsName);
      if (!rs) return;
      const adopt = adoption.has(key);
      adoption.delete(key);
      syncReplicaSet(ctx, rs, adopt);
    },
    timers: {
      'replicaset.resync': (key) => ctx.enqueue(name, key),
      'replicaset.batch': (key) => {
        delete ctx.state<Record<string, true>>('replicaset.pending', () => ({}))[key];
        ctx.enqueue(name, key);
      },
    },
  };
}

/** Whether a pod change matters to its ReplicaSet: at once (structural), soon (status), or not at all. */
function podChangeRelevance(change: StoreChange): 'now' | 'status' | 'none' {
  if (!change.old) return 'now';
  const a = change.old as Pod;
  // A pod that was already terminating or terminal counts nowhere (neither as active nor in status):
  // its removal, or its containers stopping, changes nothing for its ReplicaSet. Syncing for each of
  // them made a scale-down of n pods cost n syncs of O(n) each.
  if (change.type === 'DELETED') return isPodActive(a) ? 'now' : 'none';
  if (change.type !== 'MODIFIED') return 'now';
  const b = change.object as Pod;
  if (a.metadata.labels !== b.metadata.labels || a.metadata.ownerReferences !== b.metadata.ownerReferences) return 'now';
  if (!isPodActive(a) && !isPodActive(b)) return 'none';
  if (a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp) return 'now';
  const terminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  if (terminal(a) !== terminal(b)) return 'now';
  const ra = a.status?.conditions?.find((c) => c.type === 'Ready');
  const rb = b.status?.conditions?.find((c) => c.type === 'Ready');
  return ra?.status !== rb?.status || ra?.lastTransitionTime !== rb?.lastTransitionTime ? 'status' : 'none';
}

/**
 * A failed pod creation is retried with the work queue's exponential backoff (5 ms doubling up to
 * 1000 s), so a refusal that persists (Pod Security, quota) does not spin in one instant.
 */
function retryWithBackoff(ctx: SimContext, rs: ReplicaSet): void {
  const key = `${rs.metadata.namespace}/${rs.metadata.name}`;
  const failures = ctx.state<Record<string, number>>('replicaset.failures', () => ({}));
  const n = (failures[key] = (failures[key] ?? 0) + 1);
  ctx.after(Math.min(5 * 2 ** (n - 1), 1_000_000), 'replicaset.resync', key, undefined, true);
}

function syncReplicaSet(ctx: SimContext, rs: ReplicaSet, adopt: boolean): void {
  const pods = claimPods(ctx, rs, adopt);
  const active = pods.filter(isPodActive);
  let failure: Condition | undefined;
  if (!rs.metadata.deletionTimestamp) failure = manageReplicas(ctx, rs, active);
  const current = ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  if (!current) return;
  const owned = ownedPods(ctx, current);
  writeStatus(ctx, current, owned, failure);
}

/** ClaimPods: keep matching owned pods, release non-matching ones, adopt matching orphans. */
function ownedPods(ctx: SimContext, rs: ReplicaSet): Pod[] {
  const out: Pod[] = [];
  for (const dep of ctx.store.dependents(rs.metadata.uid)) {
    if (dep.kind === 'Pod' && controllerRef(dep)?.uid === rs.metadata.uid && matchesSelectorCached(rs.spec.selector, dep.metadata.labels)) out.push(dep as Pod);
  }
  return out;
}

function claimPods(ctx: SimContext, rs: ReplicaSet, adopt: boolean): Pod[] {
  const out: Pod[] = [];
  for (const dep of ctx.store.dependents(rs.metadata.uid)) {
    if (dep.kind !== 'Pod' || controllerRef(dep)?.uid !== rs.metadata.uid) continue;
    if (matchesSelectorCached(rs.spec.selector, dep.metadata.labels)) out.push(dep as Pod);
    else {
      ctx.store.mutate(dep, (p) => {
        p.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
        if (p.metadata.ownerReferences.length === 0) delete p.metadata.ownerReferences;
      });
    }
  }
  if (!adopt || rs.metadata.deletionTimestamp) return out;
  for (const pod of ctx.store.select<Pod>('Pod', rs.metadata.namespace, rs.spec.selector)) {
    if (controllerRef(pod) || pod.metadata.deletionTimestamp) continue;
    const adopted = ctx.store.mutate(pod, (p) => {
      p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(rs)];
    });
    out.push(adopted);
  }
  return out;
}

function manageReplicas(ctx: SimContext, rs: ReplicaSet, active: Pod[]): Condition | undefined {
  const diff = active.length - rs.spec.replicas;
  if (diff < 0) return slowStartCreate(ctx, rs, Math.min(-diff, BURST_REPLICAS));
  if (diff > 0) {
    const victims = podsToDelete(ctx, rs, active, Math.min(diff, BURST_REPLICAS));
    for (const pod of victims) {
      deleteObject(ctx, pod);
      ctx.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
    }
  }
  return undefined;
}

/**
 * slowStartBatch: creates in batches of 1, 2, 4, …; a batch runs only when the whole previous one
 * succeeded. On a failure the sync ends and the ReplicaSet is synced again after a back-off (the work
 * queue's rate limiter), so a refused create (quota, object limit) is retried without a busy loop.
 */
function slowStartCreate(ctx: SimContext, rs: ReplicaSet, count: number): Condition | undefined {
  let remaining = count;
  for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failure: string | undefined;
    for (let i = 0; i < batch; i++) {
      try {
        const pod = createObject(ctx, podFromTemplate(rs.spec.template, rs, `${rs.metadata.name}-`));
        delete ctx.state<Record<string, number>>('replicaset.failures', () => ({}))[`${rs.metadata.namespace}/${rs.metadata.name}`];
        ctx.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
      } catch (err) {
        const message = err instanceof ApiError ? err.message : String(err);
        ctx.record(rs, 'Warning', 'FailedCreate', `Error creating: ${message}`, 'replicaset-controller');
        failure ??= message;
      }
    }
    if (failure !== undefined) {
      retryWithBackoff(ctx, rs);
      return { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failure };
    }
    remaining -= batch;
  }
  return undefined;
}

/** getPodsToDelete: rank by co-location among pods of the same owner (all ReplicaSets of a Deployment). */
function podsToDelete(ctx: SimContext, rs: ReplicaSet, active: Pod[], count: number): Pod[] {
  if (count >= active.length) return active.slice(0, count);
  const related: Pod[] = [];
  const owner = controllerRef(rs);
  const siblings = owner ? ctx.store.dependents(owner.uid).filter((o) => o.kind === 'ReplicaSet') : [rs];
  for (const sibling of siblings) {
    for (const dep of ctx.store.dependents(sibling.metadata.uid)) if (dep.kind === 'Pod' && isPodActive(dep as Pod)) related.push(dep as Pod);
  }
  const perNode = new Map<string, number>();
  for (const pod of related) if (pod.spec.nodeName) perNode.set(pod.spec.nodeName, (perNode.get(pod.spec.nodeName) ?? 0) + 1);
  const sorted = sortForDeletion(active, (pod) => (pod.spec.nodeName ? (perNode.get(pod.spec.nodeName) ?? 0) : 0), ctx.now());
  return sorted.slice(0, count);
}

export function podFromTemplate(template: PodTemplate, owner: KObject, generateNameBase: string): Pod {
  const metadata = clone(template.metadata ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...metadata,
      name: '',
      generateName: generateNameBase,
      namespace: owner.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      ownerReferences: [ownerRefTo(owner)],
    },
    spec: clone(template.spec),
    status: { phase: 'Pending' },
  };
}

function writeStatus(ctx: SimContext, rs: ReplicaSet, pods: Pod[], failure: Condition | undefined): void {
  const minReady = rs.spec.minReadySeconds ?? 0;
  const now = ctx.now();
  let active = 0;
  let labeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailableAt = Infinity;
  const templateLabels = rs.spec.template.metadata?.labels;
  for (const pod of pods) {
    if (!isPodActive(pod)) continue;
    active++;
    if (matchesLabels(templateLabels, pod.metadata.labels)) labeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      else {
        const since = parseTime(pod.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) ?? now;
        nextAvailableAt = Math.min(nextAvailableAt, since + minReady * 1000);
      }
    }
  }
  if (nextAvailableAt !== Infinity) ctx.after(nextAvailableAt - now, 'replicaset.resync', `${rs.metadata.namespace}/${rs.metadata.name}`, undefined, true);
  ctx.store.mutateStatus(rs, (draft) => {
    const previous = draft.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    const conditions = (draft.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    // A failure that persists keeps its condition (messages name a new pod each time); retries are paced by retryWithBackoff.
    if (failure) conditions.push(previous && previous.reason === failure.reason ? previous : { ...failure, lastTransitionTime: ctx.nowIso() });
    const status: ReplicaSetStatus = {
      replicas: active,
      fullyLabeledReplicas: labeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: draft.metadata.generation,
    };
    if (conditions.length > 0) status.conditions = conditions;
    draft.status = status;
  });
}
