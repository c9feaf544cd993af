/** The kubelet's per-pod bookkeeping that is not part of the API status. Plain data (exported with the state). */

export type ProbeType = 'readiness' | 'liveness' | 'startup';

export interface ProbeWorker {
  result: 'Success' | 'Failure' | 'Unknown';
  lastResult?: 'Success' | 'Failure';
  run: number;
  onHold: boolean;
  /** Container instance the worker last saw (a new instance resets it). */
  instance: number;
}

export interface Backoff {
  durationMs: number;
  lastUpdate: number;
}

export interface ContainerRuntime {
  instance: number;
  /** waiting: not created yet (or in back-off); running; exited. */
  phase: 'waiting' | 'pulling' | 'running' | 'exited' | 'stopping';
  startedAt?: number;
  started: boolean;
  crashes: number;
  crashBackoff?: Backoff;
  pullBackoff?: Backoff;
  probes: Partial<Record<ProbeType, ProbeWorker>>;
  init: boolean;
}

export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  admittedAt: number;
  sandboxReady: boolean;
  podIP?: string;
  /** Index of the init container to run next; equals the number of init containers when done. */
  initIndex: number;
  containers: Record<string, ContainerRuntime>;
  terminating: boolean;
}

export interface KubeletState {
  pods: Record<string, PodRuntime>;
  /** Images present on each node. */
  images: Record<string, string[]>;
  /** Next host part of the pod IP per node. */
  nextIp: Record<string, number>;
  /** Nodes whose kubelet is down (node name → since, epoch ms). */
  down: Record<string, number>;
}

export function newKubeletState(): KubeletState {
  return { pods: {}, images: {}, nextIp: {}, down: {} };
}

export const CRASH_BACKOFF_INITIAL_MS = 10_000;
export const CRASH_BACKOFF_MAX_MS = 300_000;

/** flowcontrol.Backoff.Next: initial when absent or expired (idle for more than 2 × max), else doubled up to max. */
export function nextBackoff(entry: Backoff | undefined, now: number, initial = CRASH_BACKOFF_INITIAL_MS, max = CRASH_BACKOFF_MAX_MS): Backoff {
  if (!entry || now - entry.lastUpdate > 2 * max) return { durationMs: initial, lastUpdate: now };
  return { durationMs: Math.min(entry.durationMs * 2, max), lastUpdate: now };
}

/** IsInBackOffSince(key, since): the entry exists, has not expired, and less than its duration has passed since `since`. */
export function inBackoffSince(entry: Backoff | undefined, since: number, now: number, max = CRASH_BACKOFF_MAX_MS): boolean {
  if (!entry || now - entry.lastUpdate > 2 * max) return false;
  return now - since < entry.durationMs;
}

/** The runtime of a container that has not started yet. */
export function newContainer(init: boolean): ContainerRuntime {
  return { instance: 0, phase: 'waiting', started: false, crashes: 0, probes: {}, init };
}
