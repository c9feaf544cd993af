import type { Cluster } from '../sim/cluster';
import type { KObject } from '../sim/types';
import { fnv1a32 } from '../sim/util/names';
import { groupVersion, type ResourceInfo } from './registry';
import { equalityLabels, nameFromFieldSelector, parseFieldSelector, parseLabelSelector } from './selectors';

/** Reading objects of a resource: the store, plus the event recorder's correlated Events. */

export interface ListQuery {
  namespace?: string;
  labelSelector: string | null;
  fieldSelector: string | null;
}

/** A uid for a recorded event (the recorder keeps none), stable for its name. */
function eventUid(name: string): string {
  const h = (s: string): string => fnv1a32(s).toString(16).padStart(8, '0');
  const a = h(name);
  const b = h(`${name}#1`);
  const c = h(`${name}#2`);
  const d = h(`${name}#3`);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** The recorder's Events, with uids and the current resourceVersion. */
export function recordedEvents(cluster: Cluster): KObject[] {
  const rv = String(cluster.store.resourceVersion);
  return cluster.events.toObjects().map((e) => ({ ...e, metadata: { ...e.metadata, uid: eventUid(e.metadata.name), resourceVersion: rv } }));
}

/** Every object of the resource in scope (all namespaces when `namespace` is undefined). */
export function objectsOf(cluster: Cluster, info: ResourceInfo, namespace: string | undefined): KObject[] {
  const stored = cluster.store.list(info.kind, info.namespaced ? namespace : undefined);
  if (info.kind !== 'Event') return stored;
  const events = recordedEvents(cluster).filter((e) => namespace === undefined || e.metadata.namespace === namespace);
  return [...stored, ...events];
}

export function getObject(cluster: Cluster, info: ResourceInfo, namespace: string | undefined, name: string): KObject | undefined {
  const found = cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (found || info.kind !== 'Event') return found;
  return recordedEvents(cluster).find((e) => e.metadata.name === name && e.metadata.namespace === namespace);
}

/** Objects matching the list query, in name order (the API server lists in key order). */
export function listObjects(cluster: Cluster, info: ResourceInfo, query: ListQuery): KObject[] {
  const labels = parseLabelSelector(query.labelSelector);
  const fields = parseFieldSelector(info.kind, query.fieldSelector);
  const ns = info.namespaced ? query.namespace : undefined;
  let candidates: KObject[];
  const onlyName = nameFromFieldSelector(query.fieldSelector);
  const simple = equalityLabels(query.labelSelector);
  if (onlyName !== undefined && ns !== undefined && info.kind !== 'Event') {
    const one = cluster.store.get(info.kind, ns, onlyName);
    candidates = one ? [one] : [];
  } else if (simple && info.kind !== 'Event') candidates = cluster.store.select(info.kind, ns, { matchLabels: simple });
  else candidates = objectsOf(cluster, info, ns);
  const out = candidates.filter((o) => (!labels || labels(o)) && (!fields || fields(o)));
  return out.sort(byKey);
}

function byKey(a: KObject, b: KObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The object as the API returns it for this resource's group version. */
export function served(obj: KObject, info: ResourceInfo): KObject {
  const apiVersion = groupVersion(info);
  if (obj.apiVersion === apiVersion && obj.kind === info.kind) return obj;
  return { ...obj, apiVersion, kind: info.kind };
}

export function listOf(info: ResourceInfo, items: KObject[], resourceVersion: string): Record<string, unknown> {
  return { kind: `${info.kind}List`, apiVersion: groupVersion(info), metadata: { resourceVersion }, items: items.map((o) => served(o, info)) };
}
