import { clone, deepEqual } from '../util/clone';
import { matchesSelector } from '../util/labels';
import type { KObject, LabelSelector } from '../types';
import { keyOf, objectKey } from './keys';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: ChangeType;
  object: KObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KObject;
}

export type StoreListener = (change: StoreChange) => void;

/** Kinds whose metadata.generation tracks spec changes. */
/**
 * How many objects a cluster stores by default. Far above what a development cluster holds (10,000 pods
 * fit), low enough that a runaway `replicas:` or a huge apply cannot exhaust the host's memory.
 */
export const DEFAULT_MAX_OBJECTS = 20_000;

const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'Ingress',
  'Service',
  'PersistentVolumeClaim',
  'Namespace',
]);

/**
 * The API store: one object per key, indexed by kind, kind+namespace, uid, owner uid and labels.
 * Reads return the stored object itself (no copy): stored objects are immutable by convention and every
 * write stores a new object, so anyone may keep a reference to an older version.
 */
export class ObjectStore {
  private objects = new Map<string, KObject>();
  private byKind = new Map<string, Map<string, KObject>>();
  private byKindNs = new Map<string, Map<string, KObject>>();
  private byUid = new Map<string, KObject>();
  private byOwner = new Map<string, Map<string, KObject>>();
  private byLabel = new Map<string, Set<string>>();
  private listeners: StoreListener[] = [];
  private version = 0;
  /** Creates beyond this many stored objects are refused by the API (`createObject`). */
  maxObjects = DEFAULT_MAX_OBJECTS;

  constructor(
    private readonly now: () => string,
    private readonly newUid: () => string,
  ) {}

  get resourceVersion(): number {
    return this.version;
  }

  set resourceVersion(value: number) {
    this.version = value;
  }

  get count(): number {
    return this.objects.size;
  }

  onChange(listener: StoreListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(objectKey(kind, namespace, name)) as T | undefined;
  }

  getByUid<T extends KObject = KObject>(uid: string): T | undefined {
    return this.byUid.get(uid) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace. The iteration order is insertion order. */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const map = namespace === undefined ? this.byKind.get(kind) : this.byKindNs.get(`${kind}/${namespace}`);
    return map ? ([...map.values()] as T[]) : [];
  }

  /** Objects of a kind in a namespace whose labels match the selector; uses the label index. */
  select<T extends KObject = KObject>(kind: string, namespace: string | undefined, selector: LabelSelector | undefined): T[] {
    if (!selector) return [];
    const matchLabels = Object.entries(selector.matchLabels ?? {});
    if (matchLabels.length === 0) return this.list<T>(kind, namespace).filter((o) => matchesSelector(selector, o.metadata.labels));
    let smallest: Set<string> | undefined;
    for (const [k, v] of matchLabels) {
      const set = this.byLabel.get(namespace === undefined ? labelKey(kind, '', k, v) + '\u0001all' : labelKey(kind, namespace, k, v));
      if (!set) return [];
      if (!smallest || set.size < smallest.size) smallest = set;
    }
    const out: T[] = [];
    for (const key of smallest!) {
      const obj = this.objects.get(key);
      if (obj && matchesSelector(selector, obj.metadata.labels)) out.push(obj as T);
    }
    return out;
  }

  /** Objects with an ownerReference to `uid`. */
  dependents(uid: string): KObject[] {
    const deps = this.byOwner.get(uid);
    return deps ? [...deps.values()] : [];
  }

  all(): KObject[] {
    return [...this.objects.values()];
  }

  /** Stores a new object: assigns uid, creationTimestamp, resourceVersion and generation. */
  create<T extends KObject>(obj: T): T {
    const key = keyOf(obj);
    if (this.objects.has(key)) throw new Error(`${key} already exists`);
    obj.metadata.uid = obj.metadata.uid || this.newUid();
    obj.metadata.creationTimestamp = obj.metadata.creationTimestamp || this.now();
    obj.metadata.resourceVersion = String(++this.version);
    if (GENERATION_KINDS.has(obj.kind)) obj.metadata.generation = 1;
    this.index(key, obj);
    this.emit({ type: 'ADDED', object: obj });
    return obj;
  }

  /** Replaces a stored object; bumps generation when the spec changed. The caller passes a new object. */
  replace<T extends KObject>(next: T): T {
    const key = keyOf(next);
    const old = this.objects.get(key);
    if (!old) throw new Error(`${key} not found`);
    if (old === next) throw new Error(`${key}: write a copy, not the stored object`);
    next.metadata.uid = old.metadata.uid;
    next.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (GENERATION_KINDS.has(next.kind)) {
      const gen = old.metadata.generation ?? 1;
      next.metadata.generation = deepEqual(old.spec, next.spec) ? gen : gen + 1;
    }
    next.metadata.resourceVersion = String(++this.version);
    if (
      next.metadata.labels === old.metadata.labels &&
      next.metadata.ownerReferences === old.metadata.ownerReferences &&
      next.metadata.uid === old.metadata.uid
    ) {
      // Fast path (status writes): only the object maps change; label and owner keys stay.
      this.objects.set(key, next);
      this.byKind.get(next.kind)!.set(key, next);
      this.byKindNs.get(`${next.kind}/${next.metadata.namespace ?? ''}`)!.set(key, next);
      this.byUid.set(next.metadata.uid, next);
      for (const ref of next.metadata.ownerReferences ?? []) this.byOwner.get(ref.uid)?.set(key, next);
    } else {
      this.unindex(key, old);
      this.index(key, next);
    }
    this.emit({ type: 'MODIFIED', object: next, old });
    return next;
  }

  /**
   * Copy-on-write update: `fn` edits a copy; nothing is written when the copy equals the original.
   * Returns the stored version afterwards.
   */
  mutate<T extends KObject>(obj: T, fn: (draft: T) => void): T {
    const current = (this.objects.get(keyOf(obj)) as T | undefined) ?? obj;
    const draft = clone(current);
    fn(draft);
    if (deepEqual(draft, current)) return current;
    return this.replace(draft);
  }

  /**
   * Status-only copy-on-write: `fn` edits a copy of `status` (the rest of the object is shared with the
   * previous version). Nothing is written when the status is unchanged.
   */
  mutateStatus<T extends KObject>(obj: T, fn: (draft: T) => void): T {
    const current = (this.objects.get(keyOf(obj)) as T | undefined) ?? obj;
    const draft = { ...current, status: clone(current.status) } as T;
    fn(draft);
    if (deepEqual(draft.status, current.status)) return current;
    draft.metadata = { ...current.metadata };
    return this.replace(draft);
  }

  remove(obj: KObject): void {
    const key = keyOf(obj);
    const old = this.objects.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.version++;
    this.emit({ type: 'DELETED', object: old, old });
  }

  /** Puts objects back without events (state import). */
  restore(objects: KObject[], version: number): void {
    this.objects.clear();
    this.byKind.clear();
    this.byKindNs.clear();
    this.byUid.clear();
    this.byOwner.clear();
    this.byLabel.clear();
    for (const obj of objects) this.index(keyOf(obj), obj);
    this.version = version;
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private index(key: string, obj: KObject): void {
    this.objects.set(key, obj);
    mapOf(this.byKind, obj.kind).set(key, obj);
    mapOf(this.byKindNs, `${obj.kind}/${obj.metadata.namespace ?? ''}`).set(key, obj);
    this.byUid.set(obj.metadata.uid, obj);
    for (const ref of obj.metadata.ownerReferences ?? []) mapOf(this.byOwner, ref.uid).set(key, obj);
    const labels = obj.metadata.labels;
    if (labels) for (const k of Object.keys(labels)) setOf(this.byLabel, labelKey(obj.kind, obj.metadata.namespace ?? '', k, labels[k])).add(key);
    if (labels) for (const k of Object.keys(labels)) setOf(this.byLabel, labelKey(obj.kind, '', k, labels[k]) + '\u0001all').add(key);
  }

  private unindex(key: string, obj: KObject): void {
    this.objects.delete(key);
    this.byKind.get(obj.kind)?.delete(key);
    this.byKindNs.get(`${obj.kind}/${obj.metadata.namespace ?? ''}`)?.delete(key);
    if (this.byUid.get(obj.metadata.uid) === obj) this.byUid.delete(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const deps = this.byOwner.get(ref.uid);
      if (deps) {
        deps.delete(key);
        if (deps.size === 0) this.byOwner.delete(ref.uid);
      }
    }
    const labels = obj.metadata.labels;
    if (labels) {
      for (const k of Object.keys(labels)) {
        deleteFromSet(this.byLabel, labelKey(obj.kind, obj.metadata.namespace ?? '', k, labels[k]), key);
        deleteFromSet(this.byLabel, labelKey(obj.kind, '', k, labels[k]) + '\u0001all', key);
      }
    }
  }

  /** Sizes of the indexes (entries per index), to check that they follow the objects and do not grow. */
  indexSizes(): Record<string, number> {
    return {
      objects: this.objects.size,
      byKind: this.byKind.size,
      byKindNs: this.byKindNs.size,
      byUid: this.byUid.size,
      byOwner: this.byOwner.size,
      byLabel: this.byLabel.size,
    };
  }
}

function labelKey(kind: string, namespace: string, key: string, value: string): string {
  return `${kind}\u0000${namespace}\u0000${key}\u0000${value}`;
}

function mapOf<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  return m;
}

/** Removes `member`; an emptied set is dropped (label values such as job names are unique, so empty sets would pile up). */
function deleteFromSet(map: Map<string, Set<string>>, key: string, member: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(member);
  if (set.size === 0) map.delete(key);
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  return s;
}
