/**
 * Services, their endpoints and Ingress routes, read from the model the way kube-proxy and an
 * ingress controller would: endpoints come from EndpointSlices, backends are Services by name.
 */
import type { KubeObject } from '../../../../server/src/lsp/protocol';
import type { LabelSelector } from '../../../../server/src/sim/types';
import { matchesLabels } from '../../../../server/src/sim/util/labels';
import type { ClusterModel } from './clusterModel';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface ServiceObject extends KubeObject {
  spec: { type?: string; selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string };
}

interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  targetRef?: { kind?: string; name: string; namespace?: string };
}

interface EndpointSlice extends KubeObject {
  endpoints?: Endpoint[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

export interface ServiceEndpoints {
  /** "ip:port" for every ready address and port, like `kubectl get endpoints`. */
  ready: string[];
  /** Names of the pods behind ready endpoints. */
  readyPods: string[];
  /** Names of the pods behind endpoints that are not ready. */
  notReadyPods: string[];
}

export function endpointsOf(model: ClusterModel, service: KubeObject): ServiceEndpoints {
  const out: ServiceEndpoints = { ready: [], readyPods: [], notReadyPods: [] };
  const slices = model
    .list<EndpointSlice>('EndpointSlice', service.metadata.namespace)
    .filter((s) => (s.metadata.labels as Record<string, string> | undefined)?.['kubernetes.io/service-name'] === service.metadata.name);
  for (const slice of slices) {
    const ports = (slice.ports ?? []).map((p) => p.port).filter((p): p is number => typeof p === 'number');
    for (const endpoint of slice.endpoints ?? []) {
      const pod = endpoint.targetRef?.name;
      if (endpoint.conditions?.ready) {
        for (const address of endpoint.addresses ?? [])
          for (const port of ports.length > 0 ? ports : [undefined]) out.ready.push(port === undefined ? address : `${address}:${port}`);
        if (pod) out.readyPods.push(pod);
      } else if (pod) out.notReadyPods.push(pod);
    }
  }
  out.readyPods.sort();
  out.notReadyPods.sort();
  return out;
}

/** kubectl's ENDPOINTS column: the first three, then "+ N more...", or "<none>". */
export function formatEndpoints(addresses: string[]): string {
  if (addresses.length === 0) return '<none>';
  if (addresses.length <= 3) return addresses.join(',');
  return `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...`;
}

/** Pods a Service's selector selects (running or not). A Service without selector selects none. */
export function selectedPods(model: ClusterModel, service: ServiceObject): KubeObject[] {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return model.list('Pod', service.metadata.namespace).filter((pod) => matchesLabels(selector, pod.metadata.labels as Record<string, string> | undefined));
}

export function hasSelector(service: ServiceObject): boolean {
  return Object.keys(service.spec?.selector ?? {}).length > 0;
}

export function selectorText(selector: Record<string, string> | LabelSelector | undefined): string {
  if (!selector) return '';
  const labels =
    'matchLabels' in selector || 'matchExpressions' in selector ? ((selector as LabelSelector).matchLabels ?? {}) : (selector as Record<string, string>);
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
}

export interface IngressObject extends KubeObject {
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend: IngressBackend }[] } }[];
  };
}

export interface IngressRoute {
  ingress: string;
  namespace: string;
  host: string;
  path: string;
  pathType: string;
  service?: string;
  /** The backend port as written: a number or a port name. */
  port?: string;
  serviceExists: boolean;
  portExists: boolean;
  readyPods: string[];
  notReadyPods: string[];
  /** Why this route cannot serve traffic, if it cannot. */
  problem?: string;
}

function portMatches(service: ServiceObject, port: { number?: number; name?: string } | undefined): boolean {
  if (!port) return true;
  return (service.spec?.ports ?? []).some((p) => (port.number !== undefined ? p.port === port.number : p.name === port.name));
}

/** One row per rule path (and default backend) of every Ingress, with where its traffic goes. */
export function ingressRoutes(model: ClusterModel, namespace?: string): IngressRoute[] {
  const routes: IngressRoute[] = [];
  for (const ingress of model.list<IngressObject>('Ingress', namespace)) {
    const ns = ingress.metadata.namespace ?? 'default';
    const add = (host: string, path: string, pathType: string, backend: IngressBackend): void => {
      const route: IngressRoute = {
        ingress: ingress.metadata.name,
        namespace: ns,
        host,
        path,
        pathType,
        serviceExists: false,
        portExists: false,
        readyPods: [],
        notReadyPods: [],
      };
      const ref = backend.service;
      if (!ref) {
        route.problem = 'no service backend';
        routes.push(route);
        return;
      }
      route.service = ref.name;
      route.port = ref.port?.number !== undefined ? String(ref.port.number) : ref.port?.name;
      const service = model.get<ServiceObject>('Service', ns, ref.name);
      route.serviceExists = service !== undefined;
      if (!service) route.problem = `service "${ref.name}" not found`;
      else {
        route.portExists = portMatches(service, ref.port);
        const endpoints = endpointsOf(model, service);
        route.readyPods = endpoints.readyPods;
        route.notReadyPods = endpoints.notReadyPods;
        if (!route.portExists) route.problem = `service "${ref.name}" has no port ${route.port}`;
        else if (route.readyPods.length === 0) route.problem = 'no ready pods';
      }
      routes.push(route);
    };
    for (const rule of ingress.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) add(rule.host ?? '*', p.path ?? '/', p.pathType ?? 'ImplementationSpecific', p.backend ?? {});
    }
    if (ingress.spec?.defaultBackend) add('*', '(default backend)', '', ingress.spec.defaultBackend);
  }
  return routes.sort((a, b) => (a.namespace + a.ingress + a.host + a.path < b.namespace + b.ingress + b.host + b.path ? -1 : 1));
}
