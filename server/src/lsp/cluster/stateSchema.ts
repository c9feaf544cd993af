/**
 * The schema of the saved cluster (`cluster.json`): every field is checked before the engine sees it.
 * A value that cannot be trusted refuses the whole file (it is quarantined); a value that is merely out
 * of range is clamped, with a warning.
 */
import type { ClockSettings } from './clockDriver';
import type { ClusterState } from '../../sim/cluster';

/** What is saved: the engine's state plus how the clock was being driven. */
export interface SavedCluster {
  format: 'shipshape-cluster/1';
  clock: ClockSettings;
  /** The last journal record this snapshot includes (0 or absent: none). */
  journalSeq?: number;
  cluster: ClusterState;
}

/** The fastest clock the panel offers (virtual ms per wall ms); saved speeds above it are clamped. */
export const MAX_CLOCK_SPEED = 1000;

/** Why a saved value is refused; the message names the field. */
export class StateSchemaError extends Error {}

export interface ValidatedState {
  saved: SavedCluster;
  /** Values that were clamped or dropped, for the log. */
  warnings: string[];
}

type Fields = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new StateSchemaError(`${path}: ${message}`);
}

function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Fields;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a finite number, not ${JSON.stringify(value)}`);
  return value;
}

function integer(value: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = finite(value, path);
  if (!Number.isInteger(n) || n < min || n > max) fail(path, `must be an integer from ${min} to ${max}, not ${n}`);
  return n;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `must be a string, not ${JSON.stringify(value)}`);
  return value;
}

function optionalString(value: unknown, path: string): void {
  if (value !== undefined) string(value, path);
}

/** Checks a parsed `cluster.json`; throws StateSchemaError for anything that cannot be loaded safely. */
export function validateSavedCluster(value: unknown): ValidatedState {
  const warnings: string[] = [];
  const root = object(value, 'file');
  if (root.format !== 'shipshape-cluster/1') fail('format', `unknown format ${JSON.stringify(root.format)}`);
  const clock = validateClock(object(root.clock, 'clock'), warnings);
  const journalSeq = root.journalSeq === undefined ? 0 : integer(root.journalSeq, 'journalSeq');
  const cluster = object(root.cluster, 'cluster');
  if (cluster.format !== 'shipshape-sim/1') fail('cluster.format', `unsupported state format ${JSON.stringify(cluster.format)}`);
  const options = object(cluster.options ?? {}, 'cluster.options');
  if (options.seed !== undefined) integer(options.seed, 'cluster.options.seed', 0, 0xffffffff);
  validateCore(object(cluster.core, 'cluster.core'));
  const saved: SavedCluster = { format: 'shipshape-cluster/1', clock, journalSeq, cluster: root.cluster as SavedCluster['cluster'] };
  return { saved, warnings };
}

function validateClock(clock: Fields, warnings: string[]): ClockSettings {
  if (typeof clock.paused !== 'boolean') fail('clock.paused', 'must be true or false');
  let speed = finite(clock.speed, 'clock.speed');
  if (speed < 0) fail('clock.speed', `must not be negative, not ${speed}`);
  if (speed > MAX_CLOCK_SPEED) {
    warnings.push(`clock.speed ${speed} is above the maximum of ${MAX_CLOCK_SPEED}; using ${MAX_CLOCK_SPEED}`);
    speed = MAX_CLOCK_SPEED;
  }
  return { paused: clock.paused, speed };
}

function validateCore(core: Fields): void {
  const clock = finite(core.clock, 'cluster.core.clock');
  const rng = array(core.rng, 'cluster.core.rng');
  if (rng.length !== 4) fail('cluster.core.rng', 'must hold 4 numbers');
  rng.forEach((n, i) => integer(n, `cluster.core.rng[${i}]`, 0, 0xffffffff));
  if (rng.every((n) => n === 0)) fail('cluster.core.rng', 'must not be all zeros');
  const timers = object(core.timers, 'cluster.core.timers');
  const timerSeq = integer(timers.seq, 'cluster.core.timers.seq');
  array(timers.timers, 'cluster.core.timers.timers').forEach((raw, i) => {
    const path = `cluster.core.timers.timers[${i}]`;
    const timer = object(raw, path);
    const at = finite(timer.at, `${path}.at`);
    if (at < 0) fail(`${path}.at`, `must not be negative, not ${at}`);
    integer(timer.seq, `${path}.seq`, 0, timerSeq);
    string(timer.type, `${path}.type`);
    string(timer.key, `${path}.key`);
  });
  array(core.work, 'cluster.core.work').forEach((item, i) => {
    if (!string(item, `cluster.core.work[${i}]`).includes('\u0000')) fail(`cluster.core.work[${i}]`, 'must name a controller and a key');
  });
  const controllerState = object(core.controllerState, 'cluster.core.controllerState');
  for (const [name, state] of Object.entries(controllerState)) object(state, `cluster.core.controllerState.${name}`);
  if (clock < 0) fail('cluster.core.clock', `must not be negative, not ${clock}`);
  validateEvents(object(core.events, 'cluster.core.events'));
  validateFaults(object(core.faults, 'cluster.core.faults'));
  integer(core.resourceVersion, 'cluster.core.resourceVersion');
  validateObjects(array(core.objects, 'cluster.core.objects'));
}

function validateEvents(events: Fields): void {
  array(events.stream, 'cluster.core.events.stream').forEach((raw, i) => {
    const path = `cluster.core.events.stream[${i}]`;
    const event = object(raw, path);
    finite(event.time, `${path}.time`);
    if (event.type !== 'Normal' && event.type !== 'Warning') fail(`${path}.type`, 'must be Normal or Warning');
    for (const key of ['reason', 'message', 'source']) string(event[key], `${path}.${key}`);
    integer(event.count, `${path}.count`, 1);
    const involved = object(event.involvedObject, `${path}.involvedObject`);
    for (const key of ['kind', 'name', 'uid']) string(involved[key], `${path}.involvedObject.${key}`);
    optionalString(involved.namespace, `${path}.involvedObject.namespace`);
  });
}

function validateFaults(faults: Fields): void {
  const nextId = integer(faults.nextId, 'cluster.core.faults.nextId');
  array(faults.rules, 'cluster.core.faults.rules').forEach((raw, i) => {
    const path = `cluster.core.faults.rules[${i}]`;
    const rule = object(raw, path);
    integer(rule.id, `${path}.id`, 0, nextId);
    object(rule.behavior, `${path}.behavior`);
    optionalString(rule.namespace, `${path}.namespace`);
    optionalString(rule.pod, `${path}.pod`);
    if (rule.selector !== undefined) for (const [k, v] of Object.entries(object(rule.selector, `${path}.selector`))) string(v, `${path}.selector.${k}`);
  });
}

function validateObjects(objects: unknown[]): void {
  const keys = new Set<string>();
  objects.forEach((raw, i) => {
    const path = `cluster.core.objects[${i}]`;
    const obj = object(raw, path);
    const kind = string(obj.kind, `${path}.kind`);
    string(obj.apiVersion, `${path}.apiVersion`);
    const metadata = object(obj.metadata, `${path}.metadata`);
    const name = string(metadata.name, `${path}.metadata.name`);
    string(metadata.uid, `${path}.metadata.uid`);
    string(metadata.resourceVersion, `${path}.metadata.resourceVersion`);
    optionalString(metadata.namespace, `${path}.metadata.namespace`);
    for (const key of ['labels', 'annotations']) if (metadata[key] !== undefined) object(metadata[key], `${path}.metadata.${key}`);
    const key = `${kind}/${String(metadata.namespace ?? '')}/${name}`;
    if (keys.has(key)) fail(path, `duplicates ${key}`);
    keys.add(key);
  });
}
