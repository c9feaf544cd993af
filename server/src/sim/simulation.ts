import { TimerQueue, type Timer } from './clock';
import type { Controller, SimContext } from './context';
import { EventRecorder, type SimEvent } from './events';
import { FaultRegistry } from './faults';
import { Rng } from './rng';
import { ObjectStore, type StoreChange, type StoreListener } from './store/store';
import type { ObjectValidator } from './store/validation';
import type { KObject } from './types';
import { rfc3339 } from './util/time';
import { simVersion, type SimVersion } from './version';

export interface NodeOptions {
  name: string;
  cpu?: string | number;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

export interface EngineOptions {
  seed?: number;
  /** A node count (node-1…node-N, 4 CPU, 16Gi, 110 pods) or explicit nodes. Default 3. */
  nodes?: number | NodeOptions[];
  /** Validates applied objects (for example against the OpenAPI schemas). */
  validator?: ObjectValidator;
  /** Virtual start time, epoch ms. Default 2025-01-01T00:00:00Z. */
  startTime?: number;
  /** The most objects the cluster stores; creates beyond it are refused (default `DEFAULT_MAX_OBJECTS`). */
  maxObjects?: number;
  /** The Kubernetes version to run ("1.31", "v1.33.1"). Default v1.32.2. */
  kubernetesVersion?: string;
}

/**
 * Bounds the work of one call of `settle`, `runFor`, `runUntil` or `step`, so a host can answer other
 * requests between big reconciles. A step is one reconcile or one timer handler; each is bounded itself
 * (a ReplicaSet sync creates or deletes at most 500 pods). When the budget runs out the call returns
 * early: queued work and due timers stay queued (and are saved by exportState) and the next call goes on
 * where this one stopped. `hasPendingWork` tells whether anything is left at the current instant.
 */
export interface StepBudget {
  /** Most steps per call. */
  maxSteps: number;
  /** Asked after every step; `true` ends the call early (a host passes its wall-clock deadline here). */
  shouldYield?: () => boolean;
}

/** A batch of changes delivered to subscribers once per virtual instant. */
export interface ChangeBatch {
  /** Virtual milliseconds since the start. */
  time: number;
  objects: { type: StoreChange['type']; object: KObject }[];
  events: SimEvent[];
}

export type ChangeSubscriber = (batch: ChangeBatch) => void;

export const DEFAULT_START_TIME = Date.UTC(2025, 0, 1);
const MAX_RECONCILES_PER_INSTANT = 5_000_000;

/**
 * The engine core: clock, timer queue, work queue and controller dispatch. The public API
 * (apply, delete, actions, queries) is in Cluster, which extends this class.
 */
export class SimulationCore {
  readonly store: ObjectStore;
  readonly events: EventRecorder;
  readonly faults = new FaultRegistry();
  readonly options: EngineOptions;
  readonly epoch: number;
  readonly ctx: SimContext;
  readonly version: SimVersion;
  protected rng: Rng;
  protected clock: number;
  protected timers = new TimerQueue();
  protected controllers = new Map<string, Controller>();
  private timerHandlers = new Map<string, (key: string, data: unknown) => void>();
  private work: string[] = [];
  private workHead = 0;
  private queued = new Set<string>();
  private controllerState: Record<string, object> = {};
  private subscribers: ChangeSubscriber[] = [];
  private pendingChanges: ChangeBatch['objects'] = [];
  private pendingEvents: SimEvent[] = [];
  private draining = false;
  private budget: StepBudget | undefined;
  private stepsLeft = Infinity;
  private yielded = false;

  constructor(options: EngineOptions = {}) {
    this.options = options;
    this.epoch = options.startTime ?? DEFAULT_START_TIME;
    this.clock = this.epoch;
    this.rng = new Rng(options.seed ?? 1);
    this.version = simVersion(options.kubernetesVersion);
    this.store = new ObjectStore(
      () => rfc3339(this.clock),
      () => this.newUid(),
    );
    if (options.maxObjects !== undefined) this.store.maxObjects = options.maxObjects;
    this.events = new EventRecorder(this.epoch, () => this.clock);
    this.ctx = this.makeContext();
    this.store.onChange((change) => {
      for (const controller of this.controllers.values()) controller.observe?.(change);
      if (this.subscribers.length > 0) this.pendingChanges.push({ type: change.type, object: change.object });
    });
    this.events.onEvent((event) => {
      if (this.subscribers.length > 0) this.pendingEvents.push(event);
    });
  }

  /** Virtual milliseconds since the start. */
  get time(): number {
    return this.clock - this.epoch;
  }

  /** Virtual wall-clock time, epoch milliseconds. */
  get now(): number {
    return this.clock;
  }

  register(controller: Controller): void {
    this.controllers.set(controller.name, controller);
    for (const [type, handler] of Object.entries(controller.timers ?? {})) this.timerHandlers.set(type, handler);
  }

  /** Subscribes to batched changes (objects and events), delivered after each virtual instant. */
  subscribe(subscriber: ChangeSubscriber): () => void {
    this.subscribers.push(subscriber);
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber);
    };
  }

  /** Synchronous notification of every single store write (used by the timeline recorder). */
  onObjectChange(listener: StoreListener): () => void {
    return this.store.onChange(listener);
  }

  /** Sets (or with `undefined` removes) the step budget of each call. Without one, every call runs to completion. */
  setStepBudget(budget: StepBudget | undefined): void {
    this.budget = budget;
  }

  /** Whether reconciles are still queued at the current instant (a budgeted call stopped early). */
  get hasPendingWork(): boolean {
    return this.workHead < this.work.length;
  }

  /**
   * Advances virtual time by `ms`, processing everything due. Returns false when the step budget ended
   * the call before the target time (virtual time then stands at the instant being processed).
   */
  runFor(ms: number): boolean {
    this.beginCall();
    return this.runTo(this.clock + ms);
  }

  /**
   * Advances until `predicate` holds (checked after every instant) or `timeoutMs` passes.
   * Returns whether the predicate held and the virtual time (ms since start) when it did.
   */
  runUntil(predicate: () => boolean, timeoutMs: number): { ok: boolean; time: number; yielded?: boolean } {
    this.beginCall();
    if (!this.settleInternal()) return { ok: predicate(), time: this.time, yielded: true };
    if (predicate()) return { ok: true, time: this.time };
    const deadline = this.clock + timeoutMs;
    for (;;) {
      const next = this.timers.peekTime();
      if (next === undefined || next > deadline) break;
      if (!this.processInstant(next)) return { ok: predicate(), time: this.time, yielded: true };
      if (predicate()) return { ok: true, time: this.time };
    }
    this.clock = deadline;
    this.flush();
    return { ok: predicate(), time: this.time };
  }

  /** Processes the next instant that has timers due. Returns false when nothing is scheduled. */
  step(): boolean {
    this.beginCall();
    if (!this.settleInternal()) return true;
    const next = this.timers.peekTime();
    if (next === undefined) return false;
    this.processInstant(next);
    return true;
  }

  /** Virtual time (ms since start) of the next scheduled timer, if any. */
  nextTimerTime(): number | undefined {
    const next = this.timers.peekTime();
    return next === undefined ? undefined : next - this.epoch;
  }

  /**
   * Runs the reconciles queued at the current instant and delivers the change batch. Returns false when
   * the step budget ended the call first.
   */
  settle(): boolean {
    this.beginCall();
    return this.settleInternal();
  }

  private settleInternal(): boolean {
    const done = this.drainWork();
    this.flush();
    return done;
  }

  protected runTo(target: number): boolean {
    if (!this.settleInternal()) return false;
    for (;;) {
      const next = this.timers.peekTime();
      if (next === undefined || next > target) break;
      if (!this.processInstant(next)) return false;
    }
    this.clock = Math.max(this.clock, target);
    this.flush();
    return true;
  }

  private beginCall(): void {
    this.stepsLeft = this.budget ? Math.max(1, this.budget.maxSteps) : Infinity;
    this.yielded = false;
  }

  /** Counts one step against the budget; true when the call must stop now. */
  private spend(): boolean {
    if (!this.budget) return false;
    if (--this.stepsLeft <= 0 || this.budget.shouldYield?.()) this.yielded = true;
    return this.yielded;
  }

  /** Processes the timers due at `at` (and the work they cause). False when the budget ran out first. */
  private processInstant(at: number): boolean {
    this.clock = Math.max(this.clock, at);
    try {
      if (!this.drainWork()) return false;
      while (this.timers.peekTime() === at) {
        if (this.yielded) return false;
        const timer = this.timers.pop() as Timer;
        const handler = this.timerHandlers.get(timer.type);
        if (handler) handler(timer.key, timer.data);
        this.spend();
        if (!this.drainWork()) return false;
      }
      return true;
    } finally {
      this.flush();
    }
  }

  /** Runs queued reconciles; false when the step budget stopped it with work left. */
  protected drainWork(): boolean {
    if (this.draining) return true;
    this.draining = true;
    try {
      let count = 0;
      while (this.workHead < this.work.length) {
        if (this.yielded) return false;
        const item = this.work[this.workHead++];
        this.queued.delete(item);
        const sep = item.indexOf('\u0000');
        const controller = this.controllers.get(item.slice(0, sep));
        controller?.reconcile?.(item.slice(sep + 1));
        if (++count > MAX_RECONCILES_PER_INSTANT) throw new Error(`controllers did not settle at t=${this.time}ms`);
        this.spend();
      }
      this.work = [];
      this.workHead = 0;
      return true;
    } finally {
      this.draining = false;
    }
  }

  private flush(): void {
    if (this.subscribers.length === 0 || (this.pendingChanges.length === 0 && this.pendingEvents.length === 0)) {
      this.pendingChanges = [];
      this.pendingEvents = [];
      return;
    }
    const batch: ChangeBatch = { time: this.time, objects: this.pendingChanges, events: this.pendingEvents };
    this.pendingChanges = [];
    this.pendingEvents = [];
    for (const subscriber of this.subscribers) subscriber(batch);
  }

  protected newUid(): string {
    const hex = (n: number): string => this.rng.nextUint32().toString(16).padStart(8, '0').slice(0, n);
    const a = hex(8);
    const b = hex(4);
    const c = `4${hex(3)}`;
    const d = `${'89ab'[this.rng.int(4)]}${hex(3)}`;
    const e = hex(8) + hex(4);
    return `${a}-${b}-${c}-${d}-${e}`;
  }

  private makeContext(): SimContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const sim = this;
    return {
      get store() {
        return sim.store;
      },
      get rng() {
        return sim.rng;
      },
      get events() {
        return sim.events;
      },
      get faults() {
        return sim.faults;
      },
      get version() {
        return sim.version;
      },
      now: () => sim.clock,
      nowIso: () => rfc3339(sim.clock),
      after: (delayMs, type, key, data, unique) => sim.timers.schedule(sim.clock + Math.max(0, Math.round(delayMs)), type, key, data, unique),
      cancel: (type, key) => sim.timers.cancel(type, key),
      enqueue: (controller, key) => {
        const item = `${controller}\u0000${key}`;
        if (sim.queued.has(item)) return;
        sim.queued.add(item);
        sim.work.push(item);
      },
      newUid: () => sim.newUid(),
      state: <T extends object>(name: string, init: () => T): T => {
        let s = sim.controllerState[name] as T | undefined;
        if (!s) sim.controllerState[name] = s = init();
        return s;
      },
      record: (obj, type, reason, message, source, extra) => sim.events.record(obj, type, reason, message, source, extra),
    };
  }

  /** Serializable engine internals (used by exportState). */
  protected exportCore(): object {
    return {
      clock: this.clock,
      rng: this.rng.state(),
      timers: this.timers.export(),
      work: this.work.slice(this.workHead),
      controllerState: JSON.parse(JSON.stringify(this.controllerState)),
      events: this.events.export(),
      faults: this.faults.export(),
      resourceVersion: this.store.resourceVersion,
      objects: this.store.all(),
    };
  }

  protected importCore(state: ReturnType<SimulationCore['exportCore']> & Record<string, unknown>): void {
    const s = state as {
      clock: number;
      rng: [number, number, number, number];
      timers: { seq: number; timers: Timer[] };
      work: string[];
      controllerState: Record<string, object>;
      events: ReturnType<EventRecorder['export']>;
      faults: ReturnType<FaultRegistry['export']>;
      resourceVersion: number;
      objects: KObject[];
    };
    this.clock = s.clock;
    this.rng = new Rng(s.rng);
    this.timers.import(s.timers);
    this.work = [...s.work];
    this.workHead = 0;
    this.queued = new Set(this.work);
    this.controllerState = JSON.parse(JSON.stringify(s.controllerState));
    this.events.import(s.events);
    this.faults.import(s.faults);
    this.store.restore(JSON.parse(JSON.stringify(s.objects)), s.resourceVersion);
  }
}
