import type { SimEvent } from '../../sim/events';
import { maskSecret } from '../../core/model/secrets';
import type { ChangeBatch } from '../../sim/simulation';
import type { KObject } from '../../sim/types';
import { DELTA_INTERVAL_MS, type ClockState, type ClusterDelta, type ClusterEvent, type ObjectRef } from '../protocol';
import { refOf, toClusterEvent } from './convert';

/** Events carried by one delta at most (the oldest are dropped): a view shows recent events only. */
export const MAX_EVENTS_PER_DELTA = 500;

export interface BatcherTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Coalesces the engine's change batches (one per virtual instant, possibly thousands per second) into
 * deltas sent at most every `intervalMs` of wall time. An object changed many times in an interval is
 * sent once, in its latest state; an object created and deleted in the same interval is sent as a delete.
 */
export class DeltaBatcher {
  private upserts = new Map<string, KObject>();
  private deletes = new Map<string, ObjectRef & { uid: string }>();
  private events: ClusterEvent[] = [];
  private reset = false;
  private clockOnly = false;
  private timer: unknown;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (delta: ClusterDelta) => void,
    private readonly clock: () => ClockState,
    private readonly timers: BatcherTimers,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  add(batch: ChangeBatch): void {
    for (const { type, object } of batch.objects) {
      const uid = object.metadata.uid;
      if (type === 'DELETED') {
        this.upserts.delete(uid);
        this.deletes.set(uid, { ...refOf(object), uid });
      } else {
        this.deletes.delete(uid);
        this.upserts.set(uid, object);
      }
    }
    this.addEvents(batch.events);
    this.schedule();
  }

  /** The cluster was replaced: everything held so far is obsolete, `objects` is the new state. */
  replaceAll(objects: KObject[], events: SimEvent[]): void {
    this.upserts = new Map(objects.map((o) => [o.metadata.uid, o]));
    this.deletes.clear();
    this.events = [];
    this.addEvents(events);
    this.reset = true;
    this.schedule();
  }

  /** Only the clock changed (paused, speed, or time passing): a delta without objects. */
  clockChanged(): void {
    this.clockOnly = true;
    this.schedule();
  }

  /** Sends what is pending now. */
  flush(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending()) return;
    const delta: ClusterDelta = {
      // Secret values never leave the server unmasked (see protocol.ts).
      upserts: [...this.upserts.values()].map((o) => maskSecret(o)),
      deletes: [...this.deletes.values()],
      events: this.events,
      clock: this.clock(),
    };
    if (this.reset) delta.reset = true;
    this.upserts = new Map();
    this.deletes = new Map();
    this.events = [];
    this.reset = false;
    this.clockOnly = false;
    this.lastSent = this.timers.now();
    this.send(delta);
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pending(): boolean {
    return this.reset || this.clockOnly || this.upserts.size > 0 || this.deletes.size > 0 || this.events.length > 0;
  }

  private addEvents(events: readonly SimEvent[]): void {
    for (const e of events) this.events.push(toClusterEvent(e));
    if (this.events.length > MAX_EVENTS_PER_DELTA) this.events.splice(0, this.events.length - MAX_EVENTS_PER_DELTA);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
