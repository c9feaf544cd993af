/**
 * The webview's copy of the cluster: every object by kind, namespace and name, the recent events and
 * the virtual clock. A snapshot replaces it; deltas update it. Stale data (older than what the model
 * already holds, which happens when deltas sent before a snapshot arrive after it) is ignored.
 */
import type { ClockState, ClusterDelta, ClusterEvent, ClusterSnapshot, FaultInfo, KubeObject, ObjectRef } from '../../../../server/src/lsp/protocol';

/** How many events the model keeps (the newest). */
export const MAX_EVENTS = 2000;

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function keyOfRef(ref: ObjectRef): string {
  return objectKey(ref.kind, ref.namespace, ref.name);
}

export function refOf(obj: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

function eventKey(event: ClusterEvent): string {
  const o = event.involvedObject;
  return `${event.time}|${o.kind}/${o.namespace ?? ''}/${o.name}|${event.type}|${event.reason}|${event.count}|${event.source}|${event.message}`;
}

function resourceVersion(obj: KubeObject): number | undefined {
  const value = Number(obj.metadata.resourceVersion);
  return Number.isFinite(value) && obj.metadata.resourceVersion !== '' ? value : undefined;
}

/** What a delta changed, so views can skip work. */
export interface ModelChange {
  kinds: Set<string>;
  keys: Set<string>;
  events: number;
  clock: boolean;
  /** The fault list changed. */
  faults?: boolean;
}

const DEFAULT_CLOCK: ClockState = { time: 0, epoch: 0, paused: false, speed: 1 };

export class ClusterModel {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly byUid = new Map<string, KubeObject>();
  private eventList: ClusterEvent[] = [];
  private eventKeys = new Set<string>();
  /** The highest resourceVersion of the last snapshot: older upserts of absent objects are stale. */
  private baseline = -1;
  clock: ClockState = DEFAULT_CLOCK;
  /** Faults injected from the panel. */
  faults: FaultInfo[] = [];
  loaded = false;
  /** Increases on every change; views compare it to skip rendering. */
  version = 0;

  loadSnapshot(snapshot: ClusterSnapshot): void {
    this.byKind.clear();
    this.byUid.clear();
    this.eventList = [];
    this.eventKeys = new Set();
    this.baseline = -1;
    for (const obj of snapshot.objects) {
      this.put(obj);
      this.baseline = Math.max(this.baseline, resourceVersion(obj) ?? -1);
    }
    this.addEvents(snapshot.events);
    this.clock = { ...snapshot.clock };
    this.faults = snapshot.faults ?? [];
    this.loaded = true;
    this.version++;
  }

  applyDelta(delta: ClusterDelta): ModelChange {
    if (delta.reset) return this.replace(delta);
    const change: ModelChange = { kinds: new Set(), keys: new Set(), events: 0, clock: false };
    for (const obj of delta.upserts) {
      if (!this.isNewer(obj)) continue;
      this.put(obj);
      change.kinds.add(obj.kind);
      change.keys.add(keyOf(obj));
    }
    for (const gone of delta.deletes) {
      const existing = this.get(gone.kind, gone.namespace, gone.name);
      if (!existing || existing.metadata.uid !== gone.uid) continue;
      this.remove(existing);
      change.kinds.add(gone.kind);
      change.keys.add(keyOfRef(gone));
    }
    change.events = this.addEvents(delta.events);
    if (delta.faults) {
      this.faults = delta.faults;
      change.faults = true;
    }
    if (delta.clock.time >= this.clock.time) {
      change.clock = delta.clock.time !== this.clock.time || delta.clock.paused !== this.clock.paused || delta.clock.speed !== this.clock.speed;
      this.clock = { ...delta.clock };
    }
    if (change.kinds.size > 0 || change.events > 0 || change.clock || change.faults) this.version++;
    return change;
  }

  /** A delta with `reset`: the cluster was replaced, its upserts are every object. */
  private replace(delta: ClusterDelta): ModelChange {
    const kinds = new Set([...this.byKind.keys(), ...delta.upserts.map((o) => o.kind)]);
    const keys = new Set<string>();
    for (const objects of this.byKind.values()) for (const key of objects.keys()) keys.add(key);
    this.loadSnapshot({ objects: delta.upserts, events: delta.events, clock: delta.clock, faults: delta.faults });
    for (const obj of delta.upserts) keys.add(keyOf(obj));
    return { kinds, keys, events: delta.events.length, clock: true, faults: true };
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(objectKey(kind, namespace, name)) as T | undefined;
  }

  getRef<T extends KubeObject = KubeObject>(ref: ObjectRef): T | undefined {
    return this.get<T>(ref.kind, ref.namespace, ref.name);
  }

  byUidOf(uid: string): KubeObject | undefined {
    return this.byUid.get(uid);
  }

  /** Objects of a kind (optionally one namespace), in no particular order. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const all = this.byKind.get(kind);
    if (!all) return [];
    const out: T[] = [];
    for (const obj of all.values()) if (namespace === undefined || obj.metadata.namespace === namespace) out.push(obj as T);
    return out;
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  kinds(): string[] {
    return [...this.byKind.keys()].filter((kind) => (this.byKind.get(kind)?.size ?? 0) > 0);
  }

  /** Every namespace that exists or holds an object, sorted. */
  namespaces(): string[] {
    const names = new Set(this.list('Namespace').map((ns) => ns.metadata.name));
    for (const objects of this.byKind.values()) for (const obj of objects.values()) if (obj.metadata.namespace) names.add(obj.metadata.namespace);
    return [...names].sort();
  }

  /** Events, oldest first. */
  get events(): readonly ClusterEvent[] {
    return this.eventList;
  }

  /** Virtual wall-clock time (epoch ms) of the cluster: the base for ages. */
  now(): number {
    return this.clock.epoch + this.clock.time;
  }

  private isNewer(obj: KubeObject): boolean {
    const incoming = resourceVersion(obj);
    if (incoming === undefined) return true;
    const existing = this.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (!existing) return incoming > this.baseline;
    const current = resourceVersion(existing);
    return current === undefined || incoming >= current;
  }

  private put(obj: KubeObject): void {
    let objects = this.byKind.get(obj.kind);
    if (!objects) this.byKind.set(obj.kind, (objects = new Map()));
    const key = keyOf(obj);
    const previous = objects.get(key);
    if (previous && previous.metadata.uid !== obj.metadata.uid) this.byUid.delete(previous.metadata.uid);
    objects.set(key, obj);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, obj);
  }

  private remove(obj: KubeObject): void {
    this.byKind.get(obj.kind)?.delete(keyOf(obj));
    this.byUid.delete(obj.metadata.uid);
  }

  private addEvents(events: readonly ClusterEvent[]): number {
    let added = 0;
    for (const event of events) {
      const key = eventKey(event);
      if (this.eventKeys.has(key)) continue;
      this.eventKeys.add(key);
      this.eventList.push(event);
      added++;
    }
    if (this.eventList.length > MAX_EVENTS) {
      const dropped = this.eventList.splice(0, this.eventList.length - MAX_EVENTS);
      for (const event of dropped) this.eventKeys.delete(eventKey(event));
    }
    return added;
  }
}
