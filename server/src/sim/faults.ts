import { matchesLabels } from './util/labels';
import { parseDuration } from './util/duration';
import { milliCpu } from './util/quantity';
import type { Pod } from './types';

/** The annotation prefix for simulated application behaviour. */
export const SIM_PREFIX = 'sim.shipshape.dev/';

/** How the simulated application inside a pod behaves. Everything is healthy by default. */
export interface Behavior {
  /** Each container instance exits this long after it started (undefined: it never crashes). */
  crashAfterMs?: number;
  exitCode: number;
  /** Only the first N instances crash; later ones are healthy (undefined: all crash). */
  crashTimes?: number;
  /** Each container exits 0 this long after it started (undefined: it runs until stopped). */
  completeAfterMs?: number;
  imagePull: 'ok' | 'fail';
  readiness: 'ok' | 'fail';
  /** Readiness and startup probes fail until the container has run this long. */
  readyAfterMs?: number;
  liveness: 'ok' | 'fail';
  /** Liveness probes start failing once the container has run this long. */
  livenessFailAfterMs?: number;
  /** How long the application takes to exit after SIGTERM (Infinity: it ignores SIGTERM). */
  shutdownMs: number;
  /** CPU usage per pod in millicores, spread over containers (for metrics and the HPA). */
  cpuMillis?: number;
  /** Image pull duration override. */
  pullMs?: number;
}

/** The object a fault was injected on: deleting it (or re-applying its manifest) removes the fault. */
export interface FaultOwner {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

/** A fault applied through the API: which pods (or images) it targets and what it changes. */
export interface FaultRule {
  id: number;
  namespace?: string;
  selector?: Record<string, string>;
  pod?: string;
  image?: string;
  behavior: Partial<Behavior>;
  owner?: FaultOwner;
  /** What the fault is called where it is shown: `crash`, `imagePullFailure`, `readinessFailure`. */
  label?: string;
}

export const DEFAULT_SHUTDOWN_MS = 1000;
export const DEFAULT_JOB_RUN_MS = 5000;

/** Rules added through the API, applied to pods (existing and future) that match. */
export class FaultRegistry {
  rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'>): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id });
    return id;
  }

  /** Removes a rule; false when there is none with that id. */
  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  /** Removes the rules owned by these objects (by uid); returns how many went. */
  removeOwnedBy(uids: ReadonlySet<string>): number {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => !r.owner || !uids.has(r.owner.uid));
    return before - this.rules.length;
  }

  /** Effective behaviour of a pod: defaults, then matching API rules, then the pod's annotations. */
  behaviorOf(pod: Pod, image?: string): Behavior {
    const jobLike = pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure';
    const behavior: Behavior = {
      exitCode: 1,
      imagePull: 'ok',
      readiness: 'ok',
      liveness: 'ok',
      shutdownMs: DEFAULT_SHUTDOWN_MS,
      completeAfterMs: jobLike ? DEFAULT_JOB_RUN_MS : undefined,
    };
    for (const rule of this.rules) {
      if (rule.namespace !== undefined && rule.namespace !== pod.metadata.namespace) continue;
      if (rule.pod !== undefined && rule.pod !== pod.metadata.name) continue;
      if (rule.selector !== undefined && !matchesLabels(rule.selector, pod.metadata.labels)) continue;
      if (rule.image !== undefined && rule.image !== image) continue;
      Object.assign(behavior, rule.behavior);
    }
    Object.assign(behavior, behaviorFromAnnotations(pod.metadata.annotations ?? {}));
    return behavior;
  }

  export(): { nextId: number; rules: FaultRule[] } {
    return { nextId: this.nextId, rules: JSON.parse(JSON.stringify(this.rules, (_k, v) => (v === Infinity ? 'Infinity' : v))) };
  }

  import(state: { nextId: number; rules: FaultRule[] }): void {
    this.nextId = state.nextId;
    this.rules = JSON.parse(JSON.stringify(state.rules), (_k, v) => (v === 'Infinity' ? Infinity : v));
  }
}

/** Reads `sim.shipshape.dev/*` annotations. Malformed values are ignored. */
export function behaviorFromAnnotations(annotations: Record<string, string>): Partial<Behavior> {
  const out: Partial<Behavior> = {};
  const get = (name: string): string | undefined => annotations[SIM_PREFIX + name];
  const duration = (name: string): number | undefined => {
    const value = get(name);
    return value === undefined ? undefined : parseDuration(value);
  };
  const crashAfter = duration('crash-after');
  if (crashAfter !== undefined) out.crashAfterMs = crashAfter;
  const exitCode = Number(get('exit-code'));
  if (get('exit-code') !== undefined && Number.isInteger(exitCode)) out.exitCode = exitCode;
  const crashTimes = Number(get('crash-times'));
  if (get('crash-times') !== undefined && Number.isInteger(crashTimes)) out.crashTimes = crashTimes;
  if (get('complete-after') === 'never') out.completeAfterMs = undefined;
  else {
    const completeAfter = duration('complete-after');
    if (completeAfter !== undefined) out.completeAfterMs = completeAfter;
  }
  const pull = get('image-pull');
  if (pull === 'fail' || pull === 'ok') out.imagePull = pull;
  const readiness = get('readiness');
  if (readiness === 'fail' || readiness === 'ok') out.readiness = readiness;
  const readyAfter = duration('ready-after');
  if (readyAfter !== undefined) out.readyAfterMs = readyAfter;
  const liveness = get('liveness');
  if (liveness === 'fail' || liveness === 'ok') out.liveness = liveness;
  const livenessAfter = duration('liveness-fail-after');
  if (livenessAfter !== undefined) out.livenessFailAfterMs = livenessAfter;
  const shutdown = get('shutdown-after');
  if (shutdown === 'ignore-sigterm') out.shutdownMs = Infinity;
  else {
    const shutdownMs = duration('shutdown-after');
    if (shutdownMs !== undefined) out.shutdownMs = shutdownMs;
  }
  const cpu = get('cpu-usage');
  if (cpu !== undefined) out.cpuMillis = milliCpu(cpu);
  const pullTime = duration('pull-time');
  if (pullTime !== undefined) out.pullMs = pullTime;
  return out;
}
