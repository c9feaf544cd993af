import type { EventRecorder } from './events';
import type { FaultRegistry } from './faults';
import type { Rng } from './rng';
import type { ObjectStore, StoreChange } from './store/store';
import type { KObject } from './types';
import type { SimVersion } from './version';

/** What a controller sees of the engine: the store, the clock, timers, the work queue and events. */
export interface SimContext {
  readonly store: ObjectStore;
  readonly rng: Rng;
  readonly events: EventRecorder;
  readonly faults: FaultRegistry;
  /** The Kubernetes version the cluster runs (node versions, version-dependent defaults). */
  readonly version: SimVersion;
  /** Virtual time, epoch milliseconds. */
  now(): number;
  /** Virtual time as an RFC 3339 timestamp (second precision, like metav1.Time). */
  nowIso(): string;
  /** Runs `type` handler for `key` after `delayMs`. With `unique`, an earlier pending timer of the same type and key is dropped. */
  after(delayMs: number, type: string, key: string, data?: unknown, unique?: boolean): void;
  cancel(type: string, key: string): void;
  /** Asks a controller to reconcile `key` at the current instant (deduplicated). */
  enqueue(controller: string, key: string): void;
  /** A new object uid (deterministic: drawn from the seeded generator). */
  newUid(): string;
  /** Serializable per-controller state that survives exportState/importState. */
  state<T extends object>(name: string, init: () => T): T;
  /** Emits an event attributed to a component. */
  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string, extra?: { host?: string; fieldPath?: string }): void;
}

export interface Controller {
  readonly name: string;
  /** Sees every store change; enqueues what must be reconciled. */
  observe?(change: StoreChange): void;
  reconcile?(key: string): void;
  /** Drops caches derived from the store (called after importState). */
  reset?(): void;
  /** Timer handlers by timer type. */
  timers?: Record<string, (key: string, data: unknown) => void>;
}
