import type { Controller, SimContext } from '../context';
import { createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject, Pod } from '../types';
import { matchesLabels } from '../util/labels';
import { isPodReady, isTerminal, ownerRefTo, splitKey } from '../util/pods';

const MAX_ENDPOINTS = 100;
const MANAGED_BY = 'endpointslice-controller.k8s.io';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
  targetPort?: number | string;
}

export type Service = KObject & { spec: { selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; publishNotReadyAddresses?: boolean; type?: string } };

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** findPort: an int targetPort as-is; a named one is the first container port with that name and protocol. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** Enqueues the Service that changed, or every Service whose selector matches a changed pod (before or after). */
export function enqueueServicesFor(ctx: SimContext, controller: string, change: StoreChange): void {
  const obj = change.object;
  if (obj.kind === 'Service') ctx.enqueue(controller, `${obj.metadata.namespace}/${obj.metadata.name}`);
  else if (obj.kind === 'Pod') {
    for (const svc of ctx.store.list<Service>('Service', obj.metadata.namespace)) {
      if (!svc.spec.selector) continue;
      if (matchesLabels(svc.spec.selector, obj.metadata.labels) || (change.old && matchesLabels(svc.spec.selector, change.old.metadata.labels))) ctx.enqueue(controller, `${svc.metadata.namespace}/${svc.metadata.name}`);
    }
  }
}

/** The EndpointSlice controller: one endpoint per non-terminal pod with an IP; conditions follow readiness and termination. */
export function endpointSliceController(ctx: SimContext): Controller {
  const name = 'endpointslice';
  return {
    name,
    observe(change: StoreChange) {
      enqueueServicesFor(ctx, name, change);
    },
    reconcile(key: string) {
      const [ns, svcName] = splitKey(key);
      const svc = ctx.store.get<Service>('Service', ns, svcName);
      if (!svc || !svc.spec.selector || svc.metadata.deletionTimestamp) return;
      syncService(ctx, svc);
    },
  };
}

function syncService(ctx: SimContext, svc: Service): void {
  const ns = svc.metadata.namespace;
  const selector = svc.spec.selector!;
  const pods = ctx.store
    .select<Pod>('Pod', ns, { matchLabels: selector })
    .filter((p) => !isTerminal(p) && p.status?.podIP)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const groups = new Map<string, { ports: SlicePort[]; endpoints: unknown[] }>();
  for (const pod of pods) {
    const ports: SlicePort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    const signature = JSON.stringify(ports);
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { ports, endpoints: [] }));
    group.endpoints.push(endpointOf(ctx, svc, pod));
  }
  const existing = ctx.store.select('EndpointSlice', ns, { matchLabels: { 'kubernetes.io/service-name': svc.metadata.name } }).filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY);
  const wanted: { ports: SlicePort[]; endpoints: unknown[] }[] = [];
  for (const group of groups.values()) for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS) wanted.push({ ports: group.ports, endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS) });
  if (wanted.length === 0) wanted.push({ ports: [], endpoints: [] });
  const unused = [...existing];
  for (const slice of wanted) {
    const reuse = unused.findIndex((s) => JSON.stringify((s as { ports?: unknown }).ports ?? []) === JSON.stringify(slice.ports)) ;
    const target = reuse >= 0 ? unused.splice(reuse, 1)[0] : unused.shift();
    if (target) {
      ctx.store.mutate(target, (s) => {
        s.endpoints = slice.endpoints;
        s.ports = slice.ports;
      });
    } else {
      const labels: Record<string, string> = { 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY };
      if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
      createObject(ctx, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: '', generateName: `${svc.metadata.name}-`, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', labels, ownerReferences: [ownerRefTo(svc)] },
        addressType: 'IPv4',
        endpoints: slice.endpoints,
        ports: slice.ports,
      });
    }
  }
  for (const stale of unused) deleteObject(ctx, stale);
}

function endpointOf(ctx: SimContext, svc: Service, pod: Pod): Record<string, unknown> {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const endpoint: Record<string, unknown> = {
    addresses: [pod.status.podIP],
    conditions: { ready: svc.spec.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
    nodeName: pod.spec.nodeName,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) endpoint.hostname = pod.spec.hostname;
  const zone = ctx.store.get('Node', undefined, pod.spec.nodeName ?? '')?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) endpoint.zone = zone;
  return endpoint;
}
