import type { SimContext } from '../context';
import type { KObject, Pod } from '../types';
import { generateName } from '../util/names';
import { rfc3339 } from '../util/time';
import { admit } from './admission';
import { applyDefaults } from './defaults';
import { isClusterScoped, qualifiedResource } from './keys';
import { invalidMessage, validateObject } from './validation';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly reason: 'Invalid' | 'NotFound' | 'AlreadyExists' | 'Forbidden' | 'BadRequest' = 'Invalid',
  ) {
    super(message);
  }
}

/**
 * Creates an object the way the API server does: generateName, defaulting, validation, admission,
 * then storage. Controllers create through here too. Throws ApiError when the object is rejected.
 */
export function createObject<T extends KObject>(ctx: SimContext, input: T): T {
  const obj = input;
  if (isClusterScoped(obj.kind)) delete obj.metadata.namespace;
  else obj.metadata.namespace ??= 'default';
  const full = objectLimitMessage(ctx, obj);
  if (full) throw new ApiError(full, 'Forbidden');
  if (!obj.metadata.name && obj.metadata.generateName) {
    let name = '';
    for (let i = 0; i < 10 && (!name || ctx.store.get(obj.kind, obj.metadata.namespace, name)); i++) name = generateName(obj.metadata.generateName, ctx.rng);
    obj.metadata.name = name;
  }
  applyDefaults(obj);
  const errors = validateObject(obj);
  if (errors.length > 0) throw new ApiError(invalidMessage(obj, errors));
  if (ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name)) {
    throw new ApiError(`${obj.kind.toLowerCase()}s "${obj.metadata.name}" already exists`, 'AlreadyExists');
  }
  obj.metadata.uid = ctx.newUid();
  const denied = admit(ctx, obj);
  if (denied) throw new ApiError(denied, denied.includes('not found') ? 'NotFound' : 'Forbidden');
  if (obj.kind === 'Pod') initialPodStatus(obj as unknown as Pod);
  if (obj.kind === 'Namespace') obj.status = { phase: 'Active' };
  return ctx.store.create(obj);
}

/**
 * The per-cluster object cap, checked like a quota (before the name is generated, so the message names
 * the generateName prefix the way quota errors do).
 */
function objectLimitMessage(ctx: SimContext, obj: KObject): string | undefined {
  const limit = ctx.store.maxObjects;
  if (ctx.store.count < limit) return undefined;
  return `${qualifiedResource(obj.kind)} "${obj.metadata.name || obj.metadata.generateName || ''}" is forbidden: exceeded object limit: the simulated cluster holds ${ctx.store.count} objects, its maximum is ${limit}; delete objects to make room`;
}

function initialPodStatus(pod: Pod): void {
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
}

/** Guaranteed, Burstable or BestEffort, from requests and limits. */
export function qosClass(pod: Pod): string {
  let any = false;
  let guaranteed = true;
  for (const c of pod.spec.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
}

/**
 * Deletes an object like the API server: graceful deletion for running pods, finalizers, and the
 * propagation policy (Background: the garbage collector removes dependents afterwards; Foreground:
 * the owner waits for them; Orphan: dependents lose their ownerReference).
 */
export function deleteObject(ctx: SimContext, obj: KObject, options: DeleteOptions = {}): void {
  const current = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!current || current.metadata.uid !== obj.metadata.uid) return;
  const policy = options.propagationPolicy ?? 'Background';
  if (policy === 'Orphan') orphanDependents(ctx, current);
  if (current.kind === 'Pod') {
    deletePod(ctx, current as Pod, options.gracePeriodSeconds);
    return;
  }
  if (current.kind === 'Namespace') {
    if (current.metadata.deletionTimestamp) return;
    ctx.store.mutate(current, (ns) => {
      ns.metadata.deletionTimestamp = ctx.nowIso();
      ns.status = { ...(ns.status as object), phase: 'Terminating' };
    });
    return;
  }
  const finalizers = [...(current.metadata.finalizers ?? [])];
  if (policy === 'Foreground' && ctx.store.dependents(current.metadata.uid).length > 0 && !finalizers.includes('foregroundDeletion'))
    finalizers.push('foregroundDeletion');
  if (finalizers.length > 0) {
    if (current.metadata.deletionTimestamp && finalizers.length === (current.metadata.finalizers ?? []).length) return;
    ctx.store.mutate(current, (o) => {
      o.metadata.deletionTimestamp ??= ctx.nowIso();
      o.metadata.deletionGracePeriodSeconds ??= 0;
      o.metadata.finalizers = finalizers;
    });
    return;
  }
  ctx.store.remove(current);
}

function deletePod(ctx: SimContext, pod: Pod, gracePeriodSeconds?: number): void {
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  const immediate = !pod.spec.nodeName || terminal || grace === 0;
  if (immediate && (pod.metadata.finalizers ?? []).length === 0) {
    ctx.store.remove(pod);
    return;
  }
  if (pod.metadata.deletionTimestamp) {
    // A second delete may only shorten the grace period.
    if ((pod.metadata.deletionGracePeriodSeconds ?? 30) <= grace) return;
  }
  ctx.store.mutate(pod, (p) => {
    p.metadata.deletionTimestamp = rfc3339(ctx.now() + grace * 1000);
    p.metadata.deletionGracePeriodSeconds = grace;
  });
}

/** Removes the object itself once its finalizers are gone (called by controllers that own finalizers). */
export function removeFinalizer(ctx: SimContext, obj: KObject, finalizer: string): void {
  const current = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!current || !(current.metadata.finalizers ?? []).includes(finalizer)) return;
  const rest = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (rest.length === 0 && current.metadata.deletionTimestamp && current.kind !== 'Pod') {
    ctx.store.remove(current);
    return;
  }
  ctx.store.mutate(current, (o) => {
    o.metadata.finalizers = rest.length > 0 ? rest : undefined;
  });
  const after = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (
    after &&
    after.kind === 'Pod' &&
    after.metadata.deletionTimestamp &&
    rest.length === 0 &&
    (!(after as Pod).spec.nodeName || ['Succeeded', 'Failed'].includes((after as Pod).status.phase))
  )
    ctx.store.remove(after);
}

function orphanDependents(ctx: SimContext, owner: KObject): void {
  for (const dep of ctx.store.dependents(owner.metadata.uid)) {
    ctx.store.mutate(dep, (d) => {
      d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      if (d.metadata.ownerReferences.length === 0) delete d.metadata.ownerReferences;
    });
  }
}
