import type { Cluster } from '../sim/cluster';
import type { SimEvent } from '../sim/events';
import type { StoreChange } from '../sim/store/store';
import type { KObject } from '../sim/types';
import { recordedEvents } from './objects';
import type { Matcher } from './selectors';

/** Watch: the change log since some resourceVersion, and live delivery to watchers. */

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchType;
  object: KObject;
  /** The matching object before the change (MODIFIED): selectors decide on both versions. */
  old?: KObject;
  rv: number;
}

export interface WatchFilter {
  kind: string;
  namespace?: string;
  labels?: Matcher;
  fields?: Matcher;
}

export interface Watcher {
  filter: WatchFilter;
  send(type: WatchType, object: KObject): void;
}

/** Changes kept for resuming watches; an older resourceVersion gets 410 Gone. */
export const WATCH_HISTORY = 20_000;

function matches(filter: WatchFilter, obj: KObject): boolean {
  if (obj.kind !== filter.kind) return false;
  if (filter.namespace !== undefined && obj.metadata.namespace !== filter.namespace) return false;
  if (filter.labels && !filter.labels(obj)) return false;
  if (filter.fields && !filter.fields(obj)) return false;
  return true;
}

/**
 * What a watcher sees of one change: ADDED when an object starts matching its selectors, DELETED when
 * it stops matching, MODIFIED while it keeps matching (the API server's watch cache semantics).
 */
export function deliveryFor(filter: WatchFilter, event: WatchEvent): WatchType | undefined {
  const now = matches(filter, event.object);
  if (event.type !== 'MODIFIED' || !event.old) return now ? event.type : undefined;
  const before = matches(filter, event.old);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

export class WatchHub {
  private history: WatchEvent[] = [];
  private oldest: number;
  private watchers = new Set<Watcher>();
  private pending: WatchEvent[] = [];
  private scheduled = false;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly cluster: Cluster) {
    this.oldest = cluster.store.resourceVersion;
    this.detach.push(cluster.onObjectChange((change) => this.record(change)));
    this.detach.push(cluster.events.onEvent((event) => this.recordEvent(event)));
  }

  get size(): number {
    return this.watchers.size;
  }

  /** The changes after `rv`, or undefined when they are no longer known (410 Gone). */
  since(rv: number): WatchEvent[] | undefined {
    if (rv < this.oldest) return undefined;
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResourceVersion(): number {
    return this.oldest;
  }

  add(watcher: Watcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  dispose(): void {
    for (const d of this.detach) d();
    this.watchers.clear();
  }

  private record(change: StoreChange): void {
    let object = change.object;
    const rv = this.cluster.store.resourceVersion;
    // A deletion bumps the counter without writing the object: the DELETED event carries the new version.
    if (change.type === 'DELETED') object = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    this.push({ type: change.type, object, old: change.type === 'MODIFIED' ? change.old : undefined, rv });
  }

  private recordEvent(event: SimEvent): void {
    // Correlating events costs a pass over the recorder: only done while someone watches events.
    if (![...this.watchers].some((w) => w.filter.kind === 'Event')) return;
    const objects = recordedEvents(this.cluster);
    const name = objects.find(
      (o) =>
        (o as unknown as { involvedObject: { uid: string } }).involvedObject.uid === event.involvedObject.uid &&
        o.reason === event.reason &&
        o.message === event.message,
    );
    if (!name) return;
    this.push({ type: event.count > 1 ? 'MODIFIED' : 'ADDED', object: name, rv: this.cluster.store.resourceVersion });
  }

  private push(event: WatchEvent): void {
    this.history.push(event);
    if (this.history.length > WATCH_HISTORY * 1.5) {
      const dropped = this.history.length - WATCH_HISTORY;
      this.oldest = this.history[dropped - 1].rv;
      this.history = this.history.slice(dropped);
    }
    if (this.watchers.size === 0) return;
    this.pending.push(event);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.deliver());
    }
  }

  private deliver(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (const watcher of this.watchers) {
      for (const event of batch) {
        const type = deliveryFor(watcher.filter, event);
        if (type) watcher.send(type, event.object);
      }
    }
  }
}
