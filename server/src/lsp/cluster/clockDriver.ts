import { Pacer, type PacerTimers } from '../../sim/pacer';
import type { SimulationCore } from '../../sim/simulation';
import type { KObject } from '../../sim/types';

/** Wall milliseconds between two advances of the clock. */
export const TICK_MS = 100;
/** At speed 0 ("as fast as possible"), the wall time each tick may spend processing instants. */
const FAST_BUDGET_MS = 40;
/** The longest single step: a day of virtual time. */
export const MAX_STEP_MS = 24 * 60 * 60 * 1000;
/** How far "Step: next" looks ahead for a change before it stops (virtual ms): an hour. */
export const NEXT_CHANGE_HORIZON_MS = 60 * 60 * 1000;

export interface ClockSettings {
  paused: boolean;
  /** Virtual ms per wall ms; 0 means as fast as the machine allows. */
  speed: number;
}

/**
 * Drives a simulation's virtual clock for an interactive view: the engine's Pacer at real time × speed,
 * or, at speed 0, back-to-back instants within a wall-time budget per tick, so the server stays
 * responsive. Pause, resume, step and speed changes take effect at once.
 */
export class ClockDriver {
  private readonly pacer: Pacer;
  private fastHandle: unknown;
  private settings: ClockSettings;

  constructor(
    private readonly sim: SimulationCore,
    private readonly timers: PacerTimers,
    initial: ClockSettings,
  ) {
    this.settings = { ...initial };
    this.pacer = new Pacer(sim, timers, { speed: initial.speed > 0 ? initial.speed : 1, tickMs: TICK_MS });
    if (!initial.paused) this.start();
  }

  get paused(): boolean {
    return this.settings.paused;
  }

  get speed(): number {
    return this.settings.speed;
  }

  pause(): void {
    this.stop();
    this.settings.paused = true;
  }

  resume(): void {
    this.settings.paused = false;
    this.start();
  }

  setSpeed(speed: number): void {
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError('speed must be 0 or a positive number');
    const wasRunning = !this.settings.paused;
    this.stop();
    this.settings.speed = speed;
    if (speed > 0) this.pacer.setSpeed(speed);
    if (wasRunning) this.start();
  }

  /**
   * Pauses, then advances virtual time by `ms`. With `ms` 0: to the next instant at which an object
   * or an event changes (instants where only timers fire are skipped), at most
   * NEXT_CHANGE_HORIZON_MS ahead. Returns whether anything changed.
   */
  step(ms: number): boolean {
    this.pause();
    this.sim.settle();
    const start = this.sim.time;
    let changed = false;
    // Nodes report a heartbeat every few minutes: a Node change counts only when something a user sees
    // changes with it (conditions' status, spec, labels), not a new lastHeartbeatTime.
    const nodes = new Map(this.sim.store.list('Node').map((n) => [n.metadata.name, visibleNodeState(n)]));
    const visible = (o: KObject): boolean => {
      if (o.kind !== 'Node') return true;
      const state = visibleNodeState(o);
      if (nodes.get(o.metadata.name) === state) return false;
      nodes.set(o.metadata.name, state);
      return true;
    };
    const unsubscribe = this.sim.subscribe((batch) => {
      if (batch.time > start && (batch.events.length > 0 || batch.objects.some((c) => c.type !== 'MODIFIED' || visible(c.object)))) changed = true;
    });
    try {
      if (ms > 0) {
        this.sim.runFor(ms);
        return changed;
      }
      const horizon = start + NEXT_CHANGE_HORIZON_MS;
      while (!changed) {
        const next = this.sim.nextTimerTime();
        if (next === undefined || next > horizon) break;
        this.sim.step();
      }
      if (!changed) this.sim.runFor(horizon - this.sim.time);
      return changed;
    } finally {
      unsubscribe();
    }
  }

  dispose(): void {
    this.stop();
  }

  private start(): void {
    if (this.settings.speed > 0) this.pacer.resume();
    else if (this.fastHandle === undefined) this.fastHandle = this.timers.setInterval(() => this.runFast(), TICK_MS);
  }

  private stop(): void {
    this.pacer.pause();
    if (this.fastHandle !== undefined) {
      this.timers.clearInterval(this.fastHandle);
      this.fastHandle = undefined;
    }
  }

  private runFast(): void {
    const deadline = this.timers.now() + FAST_BUDGET_MS;
    while (this.timers.now() < deadline && this.sim.step()) {
      // each step processes one virtual instant
    }
  }
}

/** What of a Node shows in the panel and kubectl's tables: not the heartbeat times. */
function visibleNodeState(node: KObject): string {
  const status = node.status as { conditions?: { type?: string; status?: string; reason?: string }[] } | undefined;
  return JSON.stringify([node.spec, node.metadata.labels, (status?.conditions ?? []).map((c) => [c.type, c.status, c.reason])]);
}
