import { Cluster } from '../cluster';
import type { NodeOptions } from '../simulation';
import type { ObjectValidator } from '../store/validation';
import type { KObject, Pod } from '../types';
import { parseDuration } from '../util/duration';
import { controllerRef, isPodReady } from '../util/pods';
import { isRecord } from '../util/record';
import { applyFault } from './faultStep';
import type { ScenarioResult, TimelineEntry, TimelinePod } from './types';
import { waitPredicate, type WaitForSpec } from './waitFor';

export interface ScenarioIo {
  /** Reads a file named in an `apply` step (path as written, relative to the scenario). */
  readFile(path: string): string;
  validator?: ObjectValidator;
}

export class ScenarioError extends Error {}

const DEFAULT_WAIT_TIMEOUT_MS = 5 * 60_000;

/** Runs a parsed scenario (`nodes`, `seed`, `steps`) headlessly and collects snapshots, events and the pod timeline. */
export function runScenario(scenario: unknown, io: ScenarioIo): ScenarioResult {
  if (!isRecord(scenario)) throw new ScenarioError('scenario must be a mapping with `steps`');
  const steps = scenario.steps;
  if (!Array.isArray(steps)) throw new ScenarioError('scenario needs a `steps` list');
  const cluster = new Cluster({
    seed: typeof scenario.seed === 'number' ? scenario.seed : 1,
    nodes: parseNodes(scenario.nodes),
    validator: io.validator,
    kubernetesVersion: typeof scenario.kubernetesVersion === 'string' || typeof scenario.kubernetesVersion === 'number' ? String(scenario.kubernetesVersion) : undefined,
  });
  const result: ScenarioResult = { snapshots: [], events: [], timeline: [], steps: [], failures: [] };
  recordTimeline(cluster, result);
  steps.forEach((step, index) => {
    const time = cluster.time;
    const name = isRecord(step) ? Object.keys(step)[0] ?? '?' : String(step);
    const report = { index, time, step: describeStep(step), ok: true, output: [] as string[] };
    try {
      if (!isRecord(step)) throw new ScenarioError('a step must be a mapping');
      runStep(cluster, name, step[name], io, result, report.output, (message) => {
        report.ok = false;
        result.failures.push({ index, time: cluster.time, step: report.step, message });
      });
    } catch (err) {
      report.ok = false;
      result.failures.push({ index, time: cluster.time, step: report.step, message: (err as Error).message });
      report.output.push(`error: ${(err as Error).message}`);
    }
    result.steps.push(report);
  });
  result.events = cluster.events.stream.map((e) => ({
    time: e.time,
    type: e.type,
    reason: e.reason,
    message: e.message,
    source: e.source,
    involvedObject: { kind: e.involvedObject.kind, namespace: e.involvedObject.namespace, name: e.involvedObject.name },
  }));
  return result;
}

function runStep(cluster: Cluster, name: string, arg: unknown, io: ScenarioIo, result: ScenarioResult, out: string[], fail: (message: string) => void): void {
  const obj = (isRecord(arg) ? arg : {}) as Record<string, unknown>;
  const ns = typeof obj.namespace === 'string' ? obj.namespace : undefined;
  const str = (key: string): string => {
    if (typeof obj[key] !== 'string') throw new ScenarioError(`${name}: \`${key}\` is required`);
    return obj[key] as string;
  };
  switch (name) {
    case 'apply': {
      const files = Array.isArray(arg) ? arg : [arg];
      for (const file of files) {
        if (typeof file !== 'string') throw new ScenarioError('apply: expected a file path');
        for (const r of cluster.applyText(io.readFile(file), file)) {
          out.push(r.ok ? r.message : `Error from server: ${r.message}`);
          if (!r.ok) fail(r.message);
        }
      }
      return;
    }
    case 'wait': {
      const ms = parseDuration(arg);
      if (ms === undefined) throw new ScenarioError(`wait: cannot read duration ${JSON.stringify(arg)}`);
      cluster.runFor(ms);
      return;
    }
    case 'waitFor': {
      const spec = obj as unknown as WaitForSpec;
      if (typeof spec.kind !== 'string') throw new ScenarioError('waitFor: `kind` is required');
      const timeout = spec.timeout === undefined ? DEFAULT_WAIT_TIMEOUT_MS : parseDuration(spec.timeout);
      if (timeout === undefined) throw new ScenarioError(`waitFor: cannot read timeout ${JSON.stringify(spec.timeout)}`);
      const { check, describe } = waitPredicate(cluster, spec);
      const { ok } = cluster.runUntil(check, timeout);
      const failed = spec.rolloutComplete && spec.name && cluster.get(spec.kind, ns, spec.name) && describe().includes('exceeded its progress deadline');
      if (ok && !failed) out.push(`condition met at ${cluster.time}ms: ${describe()}`);
      else {
        const message = failed ? `error: ${describe()}` : `timed out after ${timeout}ms waiting for ${describe()}`;
        out.push(message);
        fail(message);
      }
      return;
    }
    case 'delete': {
      const kind = str('kind');
      const results = cluster.delete(
        { kind, namespace: ns, name: typeof obj.name === 'string' ? obj.name : undefined, selector: isRecord(obj.selector) ? (obj.selector as Record<string, string>) : undefined, count: typeof obj.count === 'number' ? obj.count : undefined },
        { gracePeriodSeconds: typeof obj.gracePeriodSeconds === 'number' ? obj.gracePeriodSeconds : undefined, propagationPolicy: obj.propagationPolicy as never },
      );
      if (results.length === 0) out.push(`No resources found in ${ns ?? 'default'} namespace.`);
      for (const r of results) {
        out.push(r.message);
        if (!r.ok) fail(r.message);
      }
      return;
    }
    case 'scale':
      out.push(cluster.scale(typeof obj.kind === 'string' ? obj.kind : 'Deployment', ns, str('name'), Number(obj.replicas)));
      return;
    case 'setImage':
      out.push(cluster.setImage(typeof obj.kind === 'string' ? obj.kind : 'Deployment', ns, str('name'), typeof obj.container === 'string' ? obj.container : '*', str('image')));
      return;
    case 'rolloutUndo':
      out.push(cluster.rolloutUndo(ns, str('name'), typeof obj.toRevision === 'number' ? obj.toRevision : 0, typeof obj.kind === 'string' ? obj.kind : 'Deployment'));
      return;
    case 'rolloutRestart':
      out.push(cluster.rolloutRestart(typeof obj.kind === 'string' ? obj.kind : 'Deployment', ns, str('name')));
      return;
    case 'rolloutPause':
    case 'rolloutResume':
      out.push(cluster.rolloutPause(ns, str('name'), name === 'rolloutPause'));
      return;
    case 'fault':
      out.push(...applyFault(cluster, obj));
      return;
    case 'addNode':
      out.push(cluster.addNode(parseNode(obj, cluster.list('Node').length)));
      return;
    case 'patch':
      out.push(cluster.patch(str('kind'), ns, str('name'), obj.patch));
      return;
    case 'snapshot': {
      const label = typeof arg === 'string' ? arg : typeof obj.label === 'string' ? obj.label : `snapshot-${result.snapshots.length + 1}`;
      result.snapshots.push({ label, time: cluster.time, objects: sortedObjects(cluster.snapshot()) });
      return;
    }
    default:
      throw new ScenarioError(`unknown step "${name}"`);
  }
}

function sortedObjects(objects: KObject[]): KObject[] {
  const key = (o: KObject): string => `${o.kind}\u0000${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  return JSON.parse(JSON.stringify([...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))));
}

function parseNodes(value: unknown): number | NodeOptions[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (Array.isArray(value)) {
    return value.map((n, i) => {
      if (!isRecord(n)) throw new ScenarioError(`nodes[${i}] must be a mapping`);
      return parseNode(n, i);
    });
  }
  throw new ScenarioError('`nodes` must be a number or a list of nodes');
}

/** A node's fields `{name, cpu, memory, pods, labels, taints}`; the name defaults to node-<index+1>. */
function parseNode(n: Record<string, unknown>, index: number): NodeOptions {
  return {
    name: typeof n.name === 'string' ? n.name : `node-${index + 1}`,
    cpu: n.cpu as string | number | undefined,
    memory: n.memory as string | undefined,
    pods: typeof n.pods === 'number' ? n.pods : undefined,
    labels: isRecord(n.labels) ? (n.labels as Record<string, string>) : undefined,
    taints: Array.isArray(n.taints) ? (n.taints as NodeOptions['taints']) : undefined,
  };
}

function describeStep(step: unknown): string {
  if (!isRecord(step)) return String(step);
  const [name] = Object.keys(step);
  const arg = step[name];
  return `${name}: ${typeof arg === 'string' || typeof arg === 'number' ? arg : JSON.stringify(arg)}`;
}

function timelinePod(pod: Pod): TimelinePod {
  const owner = controllerRef(pod);
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    owner: owner ? `${owner.kind}/${owner.name}` : null,
    phase: pod.status?.phase ?? 'Pending',
    ready: isPodReady(pod),
    terminating: !!pod.metadata.deletionTimestamp,
    node: pod.spec.nodeName ?? null,
  };
}

/**
 * Records every change of a pod's existence, phase, readiness, termination or node: one timeline entry
 * per virtual instant, holding only the pods that changed (linear in the number of changes).
 */
function recordTimeline(cluster: Cluster, result: ScenarioResult): void {
  const last = new Map<string, string>();
  let entry: TimelineEntry | undefined;
  let rows = new Map<string, number>();
  const current = (): TimelineEntry => {
    if (!entry || entry.time !== cluster.time) {
      entry = { time: cluster.time, pods: [] };
      rows = new Map();
      result.timeline.push(entry);
    }
    return entry;
  };
  cluster.onObjectChange((change) => {
    if (change.object.kind !== 'Pod') return;
    const key = change.object.metadata.uid;
    const ref = { name: change.object.metadata.name, namespace: change.object.metadata.namespace ?? 'default' };
    if (change.type === 'DELETED') {
      if (!last.delete(key)) return;
      // Replay applies `pods`, then `deleted`: a pod that came and went in one instant ends up deleted.
      (current().deleted ??= []).push(ref);
      return;
    }
    const row = timelinePod(change.object as Pod);
    const signature = `${row.phase}|${row.ready}|${row.terminating}|${row.node}`;
    if (last.get(key) === signature) return;
    last.set(key, signature);
    const e = current();
    const at = rows.get(key);
    if (at !== undefined) e.pods[at] = row;
    else rows.set(key, e.pods.push(row) - 1);
  });
}
