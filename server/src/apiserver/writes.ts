import type { Cluster } from '../sim/cluster';
import { ApiError, createObject, deleteObject, type PropagationPolicy } from '../sim/store/api';
import { updateObject } from '../sim/store/apply';
import { applyDefaults } from '../sim/store/defaults';
import { qualifiedKind } from '../sim/store/keys';
import { validateObject, type ObjectValidator } from '../sim/store/validation';
import type { KObject } from '../sim/types';
import { clone } from '../sim/util/clone';
import { isRecord } from '../sim/util/record';
import { groupVersion, type ResourceInfo } from './registry';
import { recordUpdate } from './patch/managedFields';
import { alreadyExists, ApiFailure, badRequest, conflict, forbidden, invalid, notFound, type Target } from './status';

/** Create, update and delete through the simulator's API path: defaulting, validation, admission, storage. */

export interface WriteContext {
  cluster: Cluster;
  validator?: ObjectValidator;
  dryRun: boolean;
  /** The field manager of the request (fieldManager, else the client's user agent). */
  manager?: string;
  /** managedFields were already computed (server-side apply). */
  applied?: boolean;
}

export function writeContext(ctx: { cluster: Cluster; validator?: ObjectValidator; query: URLSearchParams; userAgent?: string }): WriteContext {
  const manager = ctx.query.get('fieldManager') || (ctx.userAgent ? ctx.userAgent.split('/')[0] : undefined) || 'unknown';
  return { cluster: ctx.cluster, validator: ctx.validator, dryRun: ctx.query.getAll('dryRun').includes('All'), manager };
}

export function targetOf(info: ResourceInfo, name?: string): Target {
  return { resource: info.resource, group: info.group, kind: info.kind, name };
}

/** Kinds whose status is written only through the status subresource. */
const STATUS_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'Node',
  'Namespace',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
  'Ingress',
  'PodDisruptionBudget',
]);

export function hasStatusSubresource(kind: string): boolean {
  return STATUS_KINDS.has(kind);
}

/** Checks the body's apiVersion, kind and namespace against the request, filling what is missing. */
export function checkIdentity(body: unknown, info: ResourceInfo, namespace: string | undefined): KObject {
  if (!isRecord(body)) throw badRequest("Object 'Kind' is missing in 'null'");
  const gv = groupVersion(info);
  if (body.apiVersion === undefined) body.apiVersion = gv;
  if (body.kind === undefined) body.kind = info.kind;
  if (body.kind !== info.kind || body.apiVersion !== gv) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${gv})`);
  }
  if (!isRecord(body.metadata)) body.metadata = {};
  const metadata = body.metadata as Record<string, unknown>;
  if (info.namespaced) {
    if (metadata.namespace === undefined || metadata.namespace === '') metadata.namespace = namespace;
    else if (namespace !== undefined && metadata.namespace !== namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  } else delete metadata.namespace;
  return body as unknown as KObject;
}

/** The language core's verdict, turned into the API server's 422 (or 404 for an unserved kind). */
function coreValidation(ctx: WriteContext, info: ResourceInfo, obj: KObject): void {
  if (!ctx.validator) return;
  const verdict = ctx.validator(obj);
  if (verdict.ok) return;
  const message = verdict.message;
  const marker = ' is invalid: ';
  const at = message.indexOf(marker);
  const errors = at >= 0 ? message.slice(at + marker.length).split('; ') : [message];
  throw invalid(targetOf(info, obj.metadata.name), qualifiedKind(info.kind), errors);
}

function simValidation(info: ResourceInfo, obj: KObject, old?: KObject): void {
  const errors = validateObject(obj, old);
  if (errors.length > 0) throw invalid(targetOf(info, obj.metadata.name), qualifiedKind(info.kind), errors);
}

/** An ApiError of the simulator as the Status the API server returns. */
export function fromSimError(err: unknown, info: ResourceInfo, name: string | undefined): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (!(err instanceof ApiError)) return new ApiFailure(500, 'InternalError', `Internal error occurred: ${(err as Error).message ?? String(err)}`);
  const t = targetOf(info, name);
  switch (err.reason) {
    case 'AlreadyExists':
      return alreadyExists(t);
    case 'NotFound':
      return new ApiFailure(404, 'NotFound', err.message, { name, group: info.group || undefined, kind: info.resource });
    case 'Forbidden':
      return new ApiFailure(403, 'Forbidden', err.message, { name, group: info.group || undefined, kind: info.resource });
    case 'BadRequest':
      return badRequest(err.message);
    default: {
      const marker = ' is invalid: ';
      const at = err.message.indexOf(marker);
      if (at < 0) return new ApiFailure(422, 'Invalid', err.message, { name, group: info.group || undefined, kind: info.kind });
      const body = err.message.slice(at + marker.length);
      return invalid(t, qualifiedKind(info.kind), body.startsWith('[') ? body.slice(1, -1).split(/, (?=[a-zA-Z[\].]+: )/) : [body]);
    }
  }
}

const SERVER_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'];

export function createThrough(ctx: WriteContext, info: ResourceInfo, input: KObject): KObject {
  const obj = clone(input);
  for (const key of SERVER_FIELDS) delete (obj.metadata as Record<string, unknown>)[key];
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw invalid(targetOf(info, ''), qualifiedKind(info.kind), ['metadata.name: Required value: name or generateName is required']);
  }
  if (obj.metadata.name && getStored(ctx.cluster, info, obj)) throw alreadyExists(targetOf(info, obj.metadata.name));
  const probe = clone(obj);
  if (!probe.metadata.name) probe.metadata.name = `${probe.metadata.generateName}x`;
  // The API server's own field errors first (their texts are exact), then the language core's schema checks.
  const defaulted = clone(probe);
  applyDefaults(defaulted);
  simValidation(info, defaulted);
  coreValidation(ctx, info, probe);
  if (!ctx.applied && ctx.manager) recordUpdate(info, undefined, obj, ctx.manager, ctx.cluster.ctx.nowIso());
  if (ctx.dryRun) {
    applyDefaults(obj);
    obj.metadata.name ||= probe.metadata.name;
    obj.metadata.uid = '00000000-0000-4000-8000-000000000000';
    obj.metadata.creationTimestamp = ctx.cluster.ctx.nowIso();
    if (ctx.cluster.store.get('Namespace', undefined, obj.metadata.namespace ?? 'default') === undefined && info.namespaced) {
      throw new ApiFailure(404, 'NotFound', `namespaces "${obj.metadata.namespace}" not found`, { name: obj.metadata.namespace, kind: 'namespaces' });
    }
    return obj;
  }
  try {
    const created = createObject(ctx.cluster.ctx, obj);
    ctx.cluster.settle();
    return ctx.cluster.store.get(created.kind, created.metadata.namespace, created.metadata.name) ?? created;
  } catch (err) {
    throw fromSimError(err, info, obj.metadata.name);
  }
}

function getStored(cluster: Cluster, info: ResourceInfo, obj: KObject): KObject | undefined {
  return cluster.store.get(info.kind, info.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name);
}

export interface UpdateOptions {
  /** Writes through the status subresource: only `status` changes. */
  status?: boolean;
}

/** PUT semantics: optimistic concurrency on resourceVersion, server-owned fields kept, status via /status only. */
export function updateThrough(ctx: WriteContext, info: ResourceInfo, input: KObject, options: UpdateOptions = {}): KObject {
  const old = getStored(ctx.cluster, info, input);
  if (!old) throw notFound(targetOf(info, input.metadata.name));
  const rv = input.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
    throw conflict(targetOf(info, old.metadata.name), 'the object has been modified; please apply your changes to the latest version and try again');
  }
  if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) {
    throw conflict(
      targetOf(info, old.metadata.name),
      `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  let next: KObject;
  if (options.status) {
    next = { ...clone(old), status: clone(input.status) };
  } else {
    next = clone(input);
    next.metadata = { ...next.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp };
    if (old.metadata.deletionTimestamp) next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (hasStatusSubresource(info.kind)) next.status = clone(old.status);
    const defaulted = clone(next);
    applyDefaults(defaulted);
    simValidation(info, defaulted, old);
    coreValidation(ctx, info, next);
    next = defaulted;
    if (!ctx.applied && ctx.manager) recordUpdate(info, old, next, ctx.manager, ctx.cluster.ctx.nowIso());
  }
  simValidation(info, next, old);
  if (ctx.dryRun) return { ...next, metadata: { ...next.metadata, resourceVersion: old.metadata.resourceVersion } };
  try {
    const stored = options.status ? ctx.cluster.store.replace(next) : updateObject(ctx.cluster.ctx, next, old);
    ctx.cluster.settle();
    return ctx.cluster.store.get(stored.kind, stored.metadata.namespace, stored.metadata.name) ?? stored;
  } catch (err) {
    throw fromSimError(err, info, old.metadata.name);
  }
}

export interface DeleteRequest {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** DELETE: returns the object as it is afterwards (with deletionTimestamp while finalizers or grace run). */
export function deleteThrough(ctx: WriteContext, info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteRequest): KObject {
  const obj = ctx.cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound(targetOf(info, name));
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid)
    throw conflict(targetOf(info, name), `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(
      targetOf(info, name),
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  }
  if (info.kind === 'Namespace' && ['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
    throw forbidden(targetOf(info, name), `this namespace may not be deleted`);
  }
  if (ctx.dryRun) return obj;
  try {
    deleteObject(ctx.cluster.ctx, obj, { propagationPolicy: options.propagationPolicy, gracePeriodSeconds: options.gracePeriodSeconds });
    ctx.cluster.settle();
  } catch (err) {
    throw fromSimError(err, info, name);
  }
  return ctx.cluster.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name) ?? obj;
}
