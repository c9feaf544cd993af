import type { SimContext } from '../../context';
import { ApiError, createObject, deleteObject } from '../../store/api';
import type { PodTemplate } from '../../types';
import { clone, deepEqual } from '../../util/clone';
import { matchesSelector } from '../../util/labels';
import { podTemplateHash } from '../../util/names';
import { controllerRef, ownerRefTo } from '../../util/pods';
import { parseTime } from '../../util/time';
import type { ReplicaSet } from '../replicaset';
import { maxSurge } from './fenceposts';
import { DESIRED_REPLICAS, HASH_LABEL, MAX_REPLICAS, MAX_REV_HISTORY_CHARS, REVISION, REVISION_HISTORY, SKIP_COPY, SOURCE, type Deployment } from './types';

export function replicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 0;
}

export function revisionOf(rs: { metadata: { annotations?: Record<string, string> } }): number {
  const value = Number(rs.metadata.annotations?.[REVISION]);
  return Number.isFinite(value) ? value : 0;
}

/** Oldest first, ties by name (controller.ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  return ta - tb || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** getReplicaSetsForDeployment with ClaimReplicaSets: keep, release or adopt by selector. */
export function claimReplicaSets(ctx: SimContext, d: Deployment): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const dep of ctx.store.dependents(d.metadata.uid)) {
    if (dep.kind !== 'ReplicaSet' || controllerRef(dep)?.uid !== d.metadata.uid) continue;
    if (matchesSelector(d.spec.selector, dep.metadata.labels)) out.push(dep as ReplicaSet);
    else {
      ctx.store.mutate(dep, (rs) => {
        rs.metadata.ownerReferences = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
        if (rs.metadata.ownerReferences.length === 0) delete rs.metadata.ownerReferences;
      });
    }
  }
  if (d.metadata.deletionTimestamp) return out;
  for (const rs of ctx.store.select<ReplicaSet>('ReplicaSet', d.metadata.namespace, d.spec.selector)) {
    if (controllerRef(rs) || rs.metadata.deletionTimestamp) continue;
    out.push(ctx.store.mutate(rs, (r) => {
      r.metadata.ownerReferences = [...(r.metadata.ownerReferences ?? []), ownerRefTo(d)];
    }));
  }
  return out;
}

const withoutHashCache = new WeakMap<PodTemplate, PodTemplate>();

/** The template without the pod-template-hash label, for EqualIgnoreHash (memoized per stored template). */
export function templateWithoutHash(template: PodTemplate): PodTemplate {
  const cached = withoutHashCache.get(template);
  if (cached) return cached;
  const copy = computeWithoutHash(template);
  withoutHashCache.set(template, copy);
  return copy;
}

function computeWithoutHash(template: PodTemplate): PodTemplate {
  const copy = clone(template);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const target = templateWithoutHash(d.spec.template);
  return [...rsList].sort(byCreation).find((rs) => deepEqual(templateWithoutHash(rs.spec.template), target));
}

/** copyDeploymentAnnotationsToReplicaSet + SetNewReplicaSetAnnotations. Mutates `rs`; returns whether it changed. */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldRevisionText = annotations[REVISION];
  const oldRevision = oldRevisionText === undefined ? 0 : Number(oldRevisionText);
  if (oldRevisionText !== undefined && !Number.isFinite(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) {
      const history = annotations[REVISION_HISTORY] ?? '';
      let old = history === '' ? [] : history.split(',');
      let total = history.length + oldRevisionText.length + 1;
      let start = 0;
      while (old.length > 0 && total > MAX_REV_HISTORY_CHARS && start < old.length) total -= old[start++].length + 1;
      if (total <= MAX_REV_HISTORY_CHARS) {
        old = [...old.slice(start), oldRevisionText];
        annotations[REVISION_HISTORY] = old.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, d.spec.replicas, d.spec.replicas + maxSurge(d))) changed = true;
  return changed;
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * scaleReplicaSet: writes the new size and the replicas annotations; records ScalingReplicaSet when
 * the size changed. Returns whether the size changed.
 */
export function scaleReplicaSet(ctx: SimContext, d: Deployment, rs: ReplicaSet, newScale: number): boolean {
  const current = ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
  const oldScale = replicas(current);
  const sizeNeedsUpdate = oldScale !== newScale;
  const maxReplicas = d.spec.replicas + maxSurge(d);
  const annotations = current.metadata.annotations ?? {};
  const annotationsNeedUpdate = annotations[DESIRED_REPLICAS] !== String(d.spec.replicas) || annotations[MAX_REPLICAS] !== String(maxReplicas);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return false;
  ctx.store.mutate(current, (draft) => {
    draft.spec.replicas = newScale;
    setReplicasAnnotations(draft, d.spec.replicas, maxReplicas);
  });
  if (sizeNeedsUpdate) {
    const direction = oldScale < newScale ? 'up' : 'down';
    ctx.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${current.metadata.name} from ${oldScale} to ${newScale}`, SOURCE);
  }
  return sizeNeedsUpdate;
}

/** Builds and creates the new ReplicaSet; handles hash collisions by bumping collisionCount. */
export function createNewReplicaSet(ctx: SimContext, d: Deployment, newRevision: number, newReplicas: number): { rs?: ReplicaSet; created?: boolean; collision?: boolean; error?: string } {
  const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
  const template = clone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  const name = `${d.metadata.name.slice(0, 253 - hash.length - 1)}-${hash}`;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: { ...(template.metadata.labels ?? {}) },
      ownerReferences: [ownerRefTo(d)],
    },
    spec: {
      replicas: newReplicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
      template,
    },
  };
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  const existing = ctx.store.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, name);
  if (existing) {
    if (controllerRef(existing)?.uid === d.metadata.uid && deepEqual(templateWithoutHash(existing.spec.template), templateWithoutHash(d.spec.template))) return { rs: existing };
    return { collision: true };
  }
  try {
    return { rs: createObject(ctx, rs), created: true };
  } catch (err) {
    return { error: err instanceof ApiError ? err.message : String(err) };
  }
}

/** cleanupDeployment: deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(ctx: SimContext, d: Deployment, oldRSs: ReplicaSet[]): void {
  const limit = d.spec.revisionHistoryLimit;
  if (limit === undefined || limit >= 2147483647) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    deleteObject(ctx, rs);
  }
}
