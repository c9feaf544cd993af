import type { ApplyParams, CanIParams, ClusterAction, DescribeParams, ObjectRef } from '../protocol';
import { MAX_STEP_MS } from './clockDriver';

/** Malformed request parameters; the server answers with an InvalidParams error. */
export class ParamsError extends Error {}

type Fields = Record<string, unknown>;

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ParamsError(`${what} must be an object`);
  return value as Fields;
}

function text(fields: Fields, key: string, what: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value === '') throw new ParamsError(`${what}.${key} must be a non-empty string`);
  return value;
}

function optionalText(fields: Fields, key: string, what: string): string | undefined {
  return fields[key] === undefined || fields[key] === null ? undefined : text(fields, key, what);
}

function integer(fields: Fields, key: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new ParamsError(`${what}.${key} must be an integer from ${min} to ${max}`);
  return value;
}

function oneOf<T extends string>(fields: Fields, key: string, what: string, allowed: readonly T[]): T {
  const value = fields[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new ParamsError(`${what}.${key} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function parseApplyParams(raw: unknown): ApplyParams {
  const p = record(raw, 'params');
  const out: ApplyParams = { uri: text(p, 'uri', 'params') };
  if (p.documentIndex !== undefined && p.documentIndex !== null) out.documentIndex = integer(p, 'documentIndex', 'params', -1);
  if (p.position !== undefined && p.position !== null) {
    const pos = record(p.position, 'params.position');
    out.position = { line: integer(pos, 'line', 'params.position', 0), character: integer(pos, 'character', 'params.position', 0) };
  }
  return out;
}

export function parseObjectRef(raw: unknown): ObjectRef {
  const p = record(raw, 'params');
  const namespace = optionalText(p, 'namespace', 'params');
  return { kind: text(p, 'kind', 'params'), name: text(p, 'name', 'params'), ...(namespace !== undefined ? { namespace } : {}) };
}

export function parseDescribeParams(raw: unknown): DescribeParams {
  const ref = parseObjectRef(raw);
  const reveal = (raw as Record<string, unknown>).revealSecrets;
  if (reveal !== undefined && typeof reveal !== 'boolean') throw new ParamsError('params.revealSecrets must be a boolean');
  return reveal ? { ...ref, revealSecrets: true } : ref;
}

const NODE_ACTIONS = ['cordon', 'uncordon', 'drain', 'failNode', 'recoverNode'] as const;

export function parseAction(raw: unknown): ClusterAction {
  const a = record(raw, 'action');
  const type = text(a, 'type', 'action');
  const what = `action(${type})`;
  switch (type) {
    case 'deletePod':
      return { type, namespace: text(a, 'namespace', what), name: text(a, 'name', what) };
    case 'scale':
      return {
        type,
        kind: text(a, 'kind', what),
        namespace: text(a, 'namespace', what),
        name: text(a, 'name', what),
        replicas: integer(a, 'replicas', what, 0, 10_000),
      };
    case 'rolloutRestart':
      return { type, kind: text(a, 'kind', what), namespace: text(a, 'namespace', what), name: text(a, 'name', what) };
    case 'rolloutUndo': {
      const action: ClusterAction = { type, namespace: text(a, 'namespace', what), name: text(a, 'name', what) };
      if (a.toRevision !== undefined && a.toRevision !== null) action.toRevision = integer(a, 'toRevision', what, 0);
      return action;
    }
    case 'cordon':
    case 'uncordon':
    case 'drain':
    case 'failNode':
    case 'recoverNode':
      return { type: oneOf(a, 'type', 'action', NODE_ACTIONS), node: text(a, 'node', what) };
    case 'addNode': {
      const action: ClusterAction = { type };
      for (const key of ['node', 'cpu', 'memory'] as const) if (a[key] !== undefined && a[key] !== null) action[key] = text(a, key, what);
      return action;
    }
    case 'fault':
      return {
        type,
        fault: oneOf(a, 'fault', what, ['crash', 'imagePullFailure', 'readinessFailure'] as const),
        namespace: text(a, 'namespace', what),
        name: text(a, 'name', what),
      };
    case 'clearFault':
      return { type, id: integer(a, 'id', what, 1) };
    case 'pause':
    case 'resume':
      return { type };
    case 'step':
      return { type, ms: integer(a, 'ms', what, 0, MAX_STEP_MS) };
    case 'setSpeed': {
      const speed = a.speed;
      if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0 || speed > 1000)
        throw new ParamsError(`${what}.speed must be a number from 0 (as fast as possible) to 1000`);
      return { type, speed };
    }
    default:
      throw new ParamsError(`unknown action type "${type}"`);
  }
}

export function parseCanI(raw: unknown): CanIParams {
  const p = record(raw, 'params');
  const s = record(p.subject, 'params.subject');
  const subjectNamespace = optionalText(s, 'namespace', 'params.subject');
  const out: CanIParams = {
    subject: {
      kind: oneOf(s, 'kind', 'params.subject', ['User', 'Group', 'ServiceAccount'] as const),
      name: text(s, 'name', 'params.subject'),
      ...(subjectNamespace ? { namespace: subjectNamespace } : {}),
    },
    verb: text(p, 'verb', 'params'),
    resource: text(p, 'resource', 'params'),
  };
  for (const key of ['group', 'subresource', 'namespace', 'name'] as const) {
    // The core API group is the empty string.
    if (key === 'group' && p.group === '') out.group = '';
    else {
      const value = optionalText(p, key, 'params');
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}
