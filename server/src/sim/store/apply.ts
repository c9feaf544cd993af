import type { SimContext } from '../context';
import type { KObject, Pod } from '../types';
import { clone, deepEqual } from '../util/clone';
import { isRecord } from '../util/record';
import { ApiError, createObject } from './api';
import { admit } from './admission';
import { podSecurityWarnings } from './podSecurity';
import { applyDefaults } from './defaults';
import { isClusterScoped, kubectlRef } from './keys';
import { fieldError, invalidMessage, validateObject, type ObjectValidator } from './validation';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyResult {
  ok: boolean;
  kind: string;
  name: string;
  namespace?: string;
  action?: 'created' | 'configured' | 'unchanged';
  /** kubectl's line: "deployment.apps/web created", or the API error. */
  message: string;
  /** Warnings the API server returned (kubectl prints them as `Warning: …`), e.g. Pod Security warn mode. */
  warnings?: string[];
}

const SCALED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/**
 * kubectl apply for one object: create, or update with a three-way merge of labels and annotations
 * (last-applied, live, new). An object the validator or the API rejects leaves the state untouched.
 */
export function applyObject(ctx: SimContext, input: unknown, validator?: ObjectValidator): ApplyResult {
  if (!isRecord(input) || typeof input.kind !== 'string' || typeof input.apiVersion !== 'string') {
    return { ok: false, kind: String(isRecord(input) ? input.kind ?? '' : ''), name: '', message: 'error: unable to decode object: apiVersion and kind are required' };
  }
  const kind = input.kind;
  const metadata = isRecord(input.metadata) ? input.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = isClusterScoped(kind) ? undefined : typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const base = { kind, name, namespace };
  if (validator) {
    const verdict = validator(input);
    if (!verdict.ok) {
      const message = verdict.message.includes(' is invalid: ') ? verdict.message : invalidMessage({ kind, metadata: { name } }, [verdict.message]);
      return { ...base, ok: false, message };
    }
  }
  if (!name) return { ...base, ok: false, message: invalidMessage({ kind, metadata: { name } }, [fieldError('metadata.name', 'Required', undefined, 'name or generateName is required')]) };
  const lastApplied = JSON.stringify(input);
  const desired = clone(input) as unknown as KObject;
  desired.metadata = { ...(clone(metadata) as KObject['metadata']), name, namespace };
  delete desired.status;
  desired.metadata.annotations = { ...(desired.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied };
  const old = ctx.store.get(kind, namespace, name);
  try {
    if (!old) {
      for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp']) delete (desired.metadata as Record<string, unknown>)[key];
      const warnings = podSecurityWarnings(ctx, desired);
      createObject(ctx, desired);
      return withWarnings({ ...base, ok: true, action: 'created', message: `${kubectlRef(kind, name)} created` }, warnings);
    }
    const next = mergeForUpdate(old, desired, input);
    if (deepEqual(next, old)) return { ...base, ok: true, action: 'unchanged', message: `${kubectlRef(kind, name)} unchanged` };
    const warnings = podSecurityWarnings(ctx, next);
    updateObject(ctx, next, old);
    return withWarnings({ ...base, ok: true, action: 'configured', message: `${kubectlRef(kind, name)} configured` }, warnings);
  } catch (err) {
    return { ...base, ok: false, message: err instanceof ApiError ? err.message : String(err) };
  }
}

function withWarnings(result: ApplyResult, warnings: string[]): ApplyResult {
  return warnings.length > 0 ? { ...result, warnings } : result;
}

/** Validates, admits and stores an updated object (the PUT path). */
export function updateObject(ctx: SimContext, next: KObject, old: KObject): KObject {
  if (old.metadata.deletionTimestamp && old.kind === 'Namespace') throw new ApiError(`Operation cannot be fulfilled on namespaces "${old.metadata.name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`, 'Forbidden');
  const errors = validateObject(next, old);
  if (old.kind === 'Pod') errors.push(...podUpdateErrors(next as Pod, old as Pod));
  if (errors.length > 0) throw new ApiError(invalidMessage(next, errors));
  const denied = admit(ctx, next, old);
  if (denied) throw new ApiError(denied);
  return ctx.store.replace(next);
}

function mergeForUpdate(old: KObject, desired: KObject, input: Record<string, unknown>): KObject {
  const previous = parseLastApplied(old.metadata.annotations?.[LAST_APPLIED]);
  const next = clone(old);
  next.metadata.labels = merge3(old.metadata.labels, (previous?.metadata as KObject['metadata'] | undefined)?.labels, desired.metadata.labels);
  next.metadata.annotations = merge3(old.metadata.annotations, (previous?.metadata as KObject['metadata'] | undefined)?.annotations, desired.metadata.annotations);
  if (!next.metadata.labels) delete next.metadata.labels;
  for (const key of Object.keys(next)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key) && !(key in desired)) delete next[key];
  for (const key of Object.keys(desired)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) next[key] = clone(desired[key]);
  next.apiVersion = desired.apiVersion;
  applyDefaults(next);
  const oldSpec = (old.spec ?? {}) as Record<string, unknown>;
  const spec = next.spec as Record<string, unknown> | undefined;
  if (spec && SCALED_KINDS.has(old.kind)) {
    const inputSpec = isRecord(input.spec) ? input.spec : {};
    const previousSpec = isRecord(previous?.spec) ? previous!.spec : {};
    if (inputSpec.replicas === undefined && previousSpec.replicas === undefined) spec.replicas = oldSpec.replicas;
  }
  if (spec && old.kind === 'Pod') {
    spec.nodeName = oldSpec.nodeName;
    for (const key of ['serviceAccountName', 'serviceAccount', 'priority', 'enableServiceLinks', 'preemptionPolicy', 'tolerations']) if (spec[key] === undefined || key === 'tolerations') spec[key] = oldSpec[key];
    if (spec.nodeName === undefined) delete spec.nodeName;
  }
  if (spec && old.kind === 'PersistentVolumeClaim') {
    spec.volumeName ??= oldSpec.volumeName;
    spec.storageClassName ??= oldSpec.storageClassName;
  }
  if (spec && old.kind === 'Job') {
    spec.selector ??= oldSpec.selector;
    const template = spec.template as { metadata?: { labels?: Record<string, string> } };
    const oldTemplate = oldSpec.template as { metadata?: { labels?: Record<string, string> } };
    if (template && oldTemplate?.metadata?.labels) template.metadata = { ...(template.metadata ?? {}), labels: { ...oldTemplate.metadata.labels, ...(template.metadata?.labels ?? {}) } };
  }
  if (spec && old.kind === 'Service') {
    if (spec.clusterIP === undefined) spec.clusterIP = oldSpec.clusterIP;
  }
  return next;
}

function merge3(live: Record<string, string> | undefined, previous: Record<string, string> | undefined, desired: Record<string, string> | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = { ...(live ?? {}) };
  for (const key of Object.keys(previous ?? {})) if (!(desired && key in desired)) delete out[key];
  Object.assign(out, desired ?? {});
  return Object.keys(out).length > 0 ? out : undefined;
}

function parseLastApplied(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Pods are mostly immutable: only images (and a few fields) may change. */
function podUpdateErrors(next: Pod, old: Pod): string[] {
  const strip = (p: Pod): unknown => {
    const spec = clone(p.spec) as Pod['spec'];
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) delete (c as Partial<typeof c>).image;
    delete spec.activeDeadlineSeconds;
    delete spec.tolerations;
    return spec;
  };
  if (deepEqual(strip(next), strip(old))) return [];
  return [
    fieldError(
      'spec',
      'Forbidden',
      undefined,
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}
