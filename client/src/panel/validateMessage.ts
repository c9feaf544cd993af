/**
 * Validation of messages from the webview. A webview is a web page: whatever it posts is checked
 * here before the extension host acts on it. Unknown types, missing or extra fields, wrong types and
 * out-of-range values are rejected with a reason; nothing is coerced.
 */
import type { CanIParams, ClusterAction, ObjectRef } from '../../../server/src/lsp/protocol';
import type { WebviewToHost } from './messages';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Kubernetes object names: DNS subdomains (RFC 1123), at most 253 characters. */
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** Namespaces: DNS labels, at most 63 characters. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;
/** RBAC verbs, resources, groups and subresources: lower-case words, dots, dashes, `*`. */
const RBAC_WORD = /^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;
/** User and group names are free-form (`jane@example.com`, `system:masters`) but printable. */
const SUBJECT_NAME = /^[\x21-\x7e]{1,256}$/;

export const MAX_REPLICAS = 10_000;
export const MAX_STEP_MS = 24 * 60 * 60 * 1000;
export const SPEEDS: readonly number[] = [0, 1, 5, 20];
const MAX_LOG_LENGTH = 4000;
const MAX_REVEAL_REFS = 8;

type Fields = Record<string, unknown>;

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  return value as Fields;
}

/** Rejects fields that are not in `allowed` (a typo in the webview must not pass silently). */
function onlyFields(fields: Fields, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(fields)) if (!allowed.includes(key)) fail(`${what} has an unexpected field "${key}"`);
}

function matching(value: unknown, pattern: RegExp, max: number, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !pattern.test(value)) fail(`${what} is not valid: ${describe(value)}`);
  return value;
}

function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function integer(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(`${what} must be an integer from ${min} to ${max}: ${describe(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) fail(`${what} must be one of ${options.join(', ')}: ${describe(value)}`);
  return value as T;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const name = (v: unknown, what = 'name'): string => matching(v, NAME, 253, what);
const namespace = (v: unknown): string => matching(v, NAMESPACE, 63, 'namespace');
const requestId = (v: unknown): number => integer(v, 0, Number.MAX_SAFE_INTEGER, 'id');

export function parseObjectRef(value: unknown): ObjectRef {
  const fields = record(value, 'ref');
  onlyFields(fields, ['kind', 'namespace', 'name'], 'ref');
  const ref: ObjectRef = { kind: matching(fields.kind, KIND, 63, 'kind'), name: name(fields.name) };
  const ns = optional(fields.namespace, namespace);
  if (ns !== undefined) ref.namespace = ns;
  return ref;
}

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet'] as const;
const RESTARTABLE = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
const NODE_ACTIONS = ['cordon', 'uncordon', 'drain', 'failNode', 'recoverNode'] as const;
const FAULTS = ['crash', 'imagePullFailure', 'readinessFailure'] as const;

export function parseClusterAction(value: unknown): ClusterAction {
  const fields = record(value, 'action');
  const type = oneOf(
    fields.type,
    ['deletePod', 'scale', 'rolloutRestart', 'rolloutUndo', ...NODE_ACTIONS, 'addNode', 'fault', 'clearFault', 'pause', 'resume', 'step', 'setSpeed'] as const,
    'action type',
  );
  switch (type) {
    case 'deletePod':
      onlyFields(fields, ['type', 'namespace', 'name'], 'deletePod');
      return { type, namespace: namespace(fields.namespace), name: name(fields.name) };
    case 'scale':
      onlyFields(fields, ['type', 'kind', 'namespace', 'name', 'replicas'], 'scale');
      return {
        type,
        kind: oneOf(fields.kind, SCALABLE, 'kind'),
        namespace: namespace(fields.namespace),
        name: name(fields.name),
        replicas: integer(fields.replicas, 0, MAX_REPLICAS, 'replicas'),
      };
    case 'rolloutRestart':
      onlyFields(fields, ['type', 'kind', 'namespace', 'name'], 'rolloutRestart');
      return { type, kind: oneOf(fields.kind, RESTARTABLE, 'kind'), namespace: namespace(fields.namespace), name: name(fields.name) };
    case 'rolloutUndo': {
      onlyFields(fields, ['type', 'namespace', 'name', 'toRevision'], 'rolloutUndo');
      const action: ClusterAction = { type, namespace: namespace(fields.namespace), name: name(fields.name) };
      const toRevision = optional(fields.toRevision, (v) => integer(v, 0, Number.MAX_SAFE_INTEGER, 'toRevision'));
      if (toRevision !== undefined) action.toRevision = toRevision;
      return action;
    }
    case 'cordon':
    case 'uncordon':
    case 'drain':
    case 'failNode':
    case 'recoverNode':
      onlyFields(fields, ['type', 'node'], type);
      return { type, node: name(fields.node, 'node') };
    case 'addNode': {
      onlyFields(fields, ['type', 'node'], 'addNode');
      const node = optional(fields.node, (v) => name(v, 'node'));
      return node === undefined ? { type } : { type, node };
    }
    case 'fault':
      onlyFields(fields, ['type', 'fault', 'namespace', 'name'], 'fault');
      return { type, fault: oneOf(fields.fault, FAULTS, 'fault'), namespace: namespace(fields.namespace), name: name(fields.name) };
    case 'clearFault':
      onlyFields(fields, ['type', 'id'], 'clearFault');
      return { type, id: integer(fields.id, 1, Number.MAX_SAFE_INTEGER, 'id') };
    case 'pause':
    case 'resume':
      onlyFields(fields, ['type'], type);
      return { type };
    case 'step':
      onlyFields(fields, ['type', 'ms'], 'step');
      return { type, ms: integer(fields.ms, 0, MAX_STEP_MS, 'ms') };
    case 'setSpeed': {
      onlyFields(fields, ['type', 'speed'], 'setSpeed');
      const speed = fields.speed;
      if (typeof speed !== 'number' || !SPEEDS.includes(speed)) fail(`speed must be one of ${SPEEDS.join(', ')}: ${describe(speed)}`);
      return { type, speed };
    }
  }
}

export function parseCanIParams(value: unknown): CanIParams {
  const fields = record(value, 'params');
  onlyFields(fields, ['subject', 'verb', 'resource', 'group', 'subresource', 'namespace', 'name'], 'params');
  const subjectFields = record(fields.subject, 'subject');
  onlyFields(subjectFields, ['kind', 'name', 'namespace'], 'subject');
  const kind = oneOf(subjectFields.kind, ['User', 'Group', 'ServiceAccount'] as const, 'subject kind');
  const subject: CanIParams['subject'] = {
    kind,
    name: kind === 'ServiceAccount' ? name(subjectFields.name, 'subject name') : matching(subjectFields.name, SUBJECT_NAME, 256, 'subject name'),
  };
  const subjectNamespace = optional(subjectFields.namespace, namespace);
  if (kind === 'ServiceAccount' && subjectNamespace === undefined) fail('a ServiceAccount subject needs a namespace');
  if (subjectNamespace !== undefined) subject.namespace = subjectNamespace;
  const params: CanIParams = { subject, verb: matching(fields.verb, RBAC_WORD, 63, 'verb'), resource: matching(fields.resource, RBAC_WORD, 253, 'resource') };
  const group = fields.group === '' ? '' : optional(fields.group, (v) => matching(v, RBAC_WORD, 253, 'group'));
  if (group !== undefined) params.group = group;
  const subresource = optional(fields.subresource, (v) => matching(v, RBAC_WORD, 63, 'subresource'));
  if (subresource !== undefined) params.subresource = subresource;
  const ns = optional(fields.namespace, namespace);
  if (ns !== undefined) params.namespace = ns;
  const objectName = optional(fields.name, (v) => name(v));
  if (objectName !== undefined) params.name = objectName;
  return params;
}

function parseMessage(value: unknown): WebviewToHost {
  const fields = record(value, 'message');
  const type = oneOf(fields.type, ['ready', 'action', 'reset', 'canI', 'describe', 'reveal', 'log'] as const, 'message type');
  switch (type) {
    case 'ready':
      onlyFields(fields, ['type'], type);
      return { type };
    case 'action':
      onlyFields(fields, ['type', 'id', 'action'], type);
      return { type, id: requestId(fields.id), action: parseClusterAction(fields.action) };
    case 'reset':
      onlyFields(fields, ['type', 'id'], type);
      return { type, id: requestId(fields.id) };
    case 'canI':
      onlyFields(fields, ['type', 'id', 'params'], type);
      return { type, id: requestId(fields.id), params: parseCanIParams(fields.params) };
    case 'describe': {
      onlyFields(fields, ['type', 'id', 'ref', 'revealSecrets'], type);
      const reveal = fields.revealSecrets;
      if (reveal !== undefined && typeof reveal !== 'boolean') fail('revealSecrets must be a boolean');
      return { type, id: requestId(fields.id), ref: parseObjectRef(fields.ref), ...(reveal ? { revealSecrets: true } : {}) };
    }
    case 'reveal': {
      onlyFields(fields, ['type', 'id', 'refs'], type);
      const refs = fields.refs;
      if (!Array.isArray(refs) || refs.length === 0 || refs.length > MAX_REVEAL_REFS) fail(`refs must be a list of 1 to ${MAX_REVEAL_REFS} object references`);
      return { type, id: requestId(fields.id), refs: refs.map(parseObjectRef) };
    }
    case 'log': {
      onlyFields(fields, ['type', 'level', 'message'], type);
      const message = fields.message;
      if (typeof message !== 'string') fail('log message must be a string');
      return { type, level: oneOf(fields.level, ['info', 'error'] as const, 'level'), message: message.slice(0, MAX_LOG_LENGTH) };
    }
  }
}

/** Checks a message from the webview. Never throws. */
export function parseWebviewMessage(value: unknown): Parsed<WebviewToHost> {
  try {
    return { ok: true, value: parseMessage(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message };
    return { ok: false, error: `malformed message: ${error instanceof Error ? error.message : String(error)}` };
  }
}
