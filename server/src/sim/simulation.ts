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
  /** The Kubernetes version to run ("1.31", "v1.33.1"). Default v1.32.2. */
  kubernetesVersion?: string;
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

  constructor(options: EngineOptions = {}) {
    this.options = options;
    this.epoch = options.startTime ?? DEFAULT_START_TIME;
    this.clock = this.epoch;
    this.rng = new Rng(options.seed ?? 1);
    this.version = simVersion(options.kubernetesVersion);
    this.store = new ObjectStore(() => rfc3339(this.clock), () => this.newUid());
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

  /** Advances virtual time by `ms`, processing everything due. */
  runFor(ms: number): void {
    this.runTo(this.clock + ms);
  }

  /**
   * Advances until `predicate` holds (checked after every instant) or `timeoutMs` passes.
   * Returns whether the predicate held and the virtual time (ms since start) when it did.
   */
  runUntil(predicate: () => boolean, timeoutMs: number): { ok: boolean; time: number } {
    this.settle();
    if (predicate()) return { ok: true, time: this.time };
    const deadline = this.clock + timeoutMs;
    for (;;) {
      const next = this.timers.peekTime();
      if (next === undefined || next > deadline) break;
      this.processInstant(next);
      if (predicate()) return { ok: true, time: this.time };
    }
    this.clock = deadline;
    this.flush();
    return { ok: predicate(), time: this.time };
  }

  /** Processes the next instant that has timers due. Returns false when nothing is scheduled. */
  step(): boolean {
    this.settle();
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

  /** Runs pending reconciles at the current instant and delivers the change batch. */
  settle(): void {
    this.drainWork();
    this.flush();
  }

  protected runTo(target: number): void {
    this.settle();
    for (;;) {
      const next = this.timers.peekTime();
      if (next === undefined || next > target) break;
      this.processInstant(next);
    }
    this.clock = Math.max(this.clock, target);
    this.flush();
  }

  private processInstant(at: number): void {
    this.clock = Math.max(this.clock, at);
    while (this.timers.peekTime() === at) {
      const timer = this.timers.pop() as Timer;
      const handler = this.timerHandlers.get(timer.type);
      if (handler) handler(timer.key, timer.data);
      this.drainWork();
    }
    this.flush();
  }

  protected drainWork(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      let count = 0;
      while (this.workHead < this.work.length) {
        const item = this.work[this.workHead++];
        this.queued.delete(item);
        const sep = item.indexOf('\u0000');
        const controller = this.controllers.get(item.slice(0, sep));
        controller?.reconcile?.(item.slice(sep + 1));
        if (++count > MAX_RECONCILES_PER_INSTANT) throw new Error(`controllers did not settle at t=${this.time}ms`);
      }
      this.work = [];
      this.workHead = 0;
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
