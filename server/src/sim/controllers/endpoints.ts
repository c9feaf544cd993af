import type { Controller, SimContext } from '../context';
import { createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject, Pod } from '../types';
import { deepEqual } from '../util/clone';
import { getCondition, isPodReady, isTerminal, splitKey } from '../util/pods';
import { parseTime, rfc3339 } from '../util/time';
import { enqueueServicesFor, findPort, type Service } from './endpointslice';

/** The annotation with the time of the change that produced the current Endpoints (v1.EndpointsLastChangeTriggerTime). */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
const HEADLESS = 'service.kubernetes.io/headless';
/** maxCapacity of the endpoints controller: more addresses are truncated. */
const MAX_CAPACITY = 1000;

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}
type Endpoints = KObject & { subsets?: EndpointSubset[] };

/** Per service: the trigger times seen at the last sync (endpointsLastChangeTriggerTime tracker). */
interface TrackerState {
  services: Record<string, { service: number; pods: Record<string, number> }>;
}

/**
 * The legacy endpoints controller: one `Endpoints` object per Service with a selector, named after it,
 * with ready pods under `addresses` and the others under `notReadyAddresses`, grouped by port set.
 * upstream: pkg/controller/endpoint/endpoints_controller.go syncService
 */
export function endpointsController(ctx: SimContext): Controller {
  const name = 'endpoints';
  const tracker = (): TrackerState => ctx.state<TrackerState>('endpoints', () => ({ services: {} }));
  return {
    name,
    observe(change: StoreChange) {
      enqueueServicesFor(ctx, name, change);
    },
    reconcile(key: string) {
      const [ns, svcName] = splitKey(key);
      const svc = ctx.store.get<Service>('Service', ns, svcName);
      if (!svc || svc.metadata.deletionTimestamp) {
        // The Service is gone: its Endpoints go too.
        const ep = ctx.store.get('Endpoints', ns, svcName);
        if (ep && !ep.metadata.deletionTimestamp) deleteObject(ctx, ep);
        delete tracker().services[key];
        return;
      }
      // A Service without a selector has user-managed Endpoints.
      if (!svc.spec.selector) return;
      syncEndpoints(ctx, svc, tracker());
    },
  };
}

function syncEndpoints(ctx: SimContext, svc: Service, state: TrackerState): void {
  const ns = svc.metadata.namespace!;
  const tolerateUnready = svc.spec.publishNotReadyAddresses === true;
  const pods = ctx.store.select<Pod>('Pod', ns, { matchLabels: svc.spec.selector });
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldBeInEndpoints(pod, tolerateUnready)) continue;
    const address = addressOf(svc, pod);
    const ready = tolerateUnready || isPodReady(pod);
    const ports = svc.spec.ports ?? [];
    if (ports.length === 0) {
      if (svc.spec.clusterIP === 'None') subsets.push(subsetOf(address, undefined, ready));
      continue;
    }
    for (const sp of ports) {
      const portNum = findPort(pod, sp);
      if (portNum === undefined) continue;
      const port: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port: portNum, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) port.appProtocol = sp.appProtocol;
      subsets.push(subsetOf(address, port, ready));
    }
  }
  const repacked = repackSubsets(subsets);
  const overCapacity = truncate(repacked);
  const triggerTime = lastChangeTriggerTime(state, svc, pods);
  const current = ctx.store.get<Endpoints>('Endpoints', ns, svc.metadata.name);
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels[HEADLESS] = '';
  const annotations = (previous: Record<string, string> | undefined): Record<string, string> | undefined => {
    const next = { ...(previous ?? {}) };
    if (triggerTime !== undefined) next[LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTime);
    else delete next[LAST_CHANGE_TRIGGER_TIME];
    if (overCapacity) next[OVER_CAPACITY] = 'truncated';
    else delete next[OVER_CAPACITY];
    return Object.keys(next).length > 0 ? next : undefined;
  };
  if (!current) {
    createObject(ctx, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: svc.metadata.name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', labels, annotations: annotations(undefined) },
      ...(repacked.length > 0 ? { subsets: repacked } : {}),
    } as Endpoints);
    return;
  }
  const overCapacitySet = current.metadata.annotations?.[OVER_CAPACITY] === 'truncated';
  if (deepEqual(current.subsets ?? [], repacked) && deepEqual(current.metadata.labels ?? {}, labels) && overCapacitySet === overCapacity) return;
  ctx.store.mutate(current, (ep) => {
    if (repacked.length > 0) ep.subsets = repacked;
    else delete ep.subsets;
    ep.metadata.labels = labels;
    const next = annotations(ep.metadata.annotations);
    if (next) ep.metadata.annotations = next;
    else delete ep.metadata.annotations;
  });
}

/** endpointsliceutil.ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless unready ones are published. */
function shouldBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isTerminal(pod) || !pod.status?.podIP) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

function addressOf(svc: Service, pod: Pod): EndpointAddress {
  const address: EndpointAddress = {
    ip: pod.status.podIP!,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) address.hostname = pod.spec.hostname;
  return address;
}

function subsetOf(address: EndpointAddress, port: EndpointPort | undefined, ready: boolean): EndpointSubset {
  const subset: EndpointSubset = ready ? { addresses: [address] } : { notReadyAddresses: [address] };
  if (port) subset.ports = [port];
  return subset;
}

const byAddress = (a: EndpointAddress, b: EndpointAddress): number =>
  a.ip !== b.ip ? (a.ip < b.ip ? -1 : 1) : a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
const portKey = (p: EndpointPort): string => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol}\u0000${p.appProtocol ?? ''}`;

/**
 * endpoints.RepackSubsets: every address gets the union of its ports, and addresses with the same port
 * set share a subset. An address that is ready for one port and not for another counts as not ready.
 * Addresses are sorted by IP, then uid; ports and subsets in a stable order.
 */
function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const byIp = new Map<string, { address: EndpointAddress; ready: boolean; ports: Map<string, EndpointPort> }>();
  for (const subset of subsets) {
    for (const [list, ready] of [
      [subset.addresses ?? [], true],
      [subset.notReadyAddresses ?? [], false],
    ] as const) {
      for (const address of list) {
        const key = `${address.ip}\u0000${address.targetRef.uid}`;
        let entry = byIp.get(key);
        if (!entry) byIp.set(key, (entry = { address, ready, ports: new Map() }));
        entry.ready = entry.ready && ready;
        for (const port of subset.ports ?? []) entry.ports.set(portKey(port), port);
      }
    }
  }
  const groups = new Map<string, EndpointSubset>();
  for (const { address, ready, ports } of byIp.values()) {
    const sorted = [...ports.values()].sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
    const key = sorted.map(portKey).join('\u0001');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = sorted.length > 0 ? { ports: sorted } : {}));
    const field = ready ? 'addresses' : 'notReadyAddresses';
    (group[field] ??= []).push(address);
  }
  const out = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  for (const g of out) {
    g.addresses?.sort(byAddress);
    g.notReadyAddresses?.sort(byAddress);
    // Field order as the API returns it: addresses, notReadyAddresses, ports.
    const ports = g.ports;
    delete g.ports;
    if (ports) g.ports = ports;
  }
  return out;
}

/** truncateEndpoints: at most 1,000 addresses, ready ones first. Returns whether anything was dropped. */
function truncate(subsets: EndpointSubset[]): boolean {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= MAX_CAPACITY) return false;
  let budget = MAX_CAPACITY;
  for (const s of subsets) {
    if (s.addresses) s.addresses = s.addresses.slice(0, Math.max(0, budget));
    budget -= s.addresses?.length ?? 0;
  }
  for (const s of subsets) {
    if (s.notReadyAddresses) s.notReadyAddresses = s.notReadyAddresses.slice(0, Math.max(0, budget));
    budget -= s.notReadyAddresses?.length ?? 0;
    if (s.addresses?.length === 0) delete s.addresses;
    if (s.notReadyAddresses?.length === 0) delete s.notReadyAddresses;
  }
  return true;
}

/**
 * TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime: the Service's creation time on its first
 * sync; afterwards the earliest trigger time (a pod's Ready transition, the Service's creation) that
 * changed since the previous sync, or none.
 */
function lastChangeTriggerTime(state: TrackerState, svc: Service, pods: Pod[]): number | undefined {
  const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const previous = state.services[key];
  let min: number | undefined;
  const podTimes: Record<string, number> = {};
  for (const pod of pods) {
    const t = parseTime(getCondition(pod.status?.conditions, 'Ready')?.lastTransitionTime);
    if (t === undefined) continue;
    podTimes[pod.metadata.name] = t;
    if (t > (previous?.pods[pod.metadata.name] ?? -Infinity)) min = min === undefined ? t : Math.min(min, t);
  }
  const created = parseTime(svc.metadata.creationTimestamp) ?? 0;
  if (created > (previous?.service ?? -Infinity)) min = min === undefined ? created : Math.min(min, created);
  state.services[key] = { service: created, pods: podTimes };
  return previous ? min : created;
}
