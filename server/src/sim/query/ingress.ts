import type { Service } from '../controllers/endpointslice';
import type { ObjectStore } from '../store/store';
import type { KObject } from '../types';

interface Backend {
  service?: { name: string; port?: { number?: number; name?: string } };
}
interface IngressPath {
  path?: string;
  pathType?: string;
  backend: Backend;
}
type Ingress = KObject & { spec: { ingressClassName?: string; defaultBackend?: Backend; rules?: { host?: string; http?: { paths: IngressPath[] } }[] } };

export interface IngressRoute {
  /** 200-style match, the default backend, or a 404 from the controller. */
  outcome: 'matched' | 'default-backend' | 'not-found';
  ingress?: { namespace: string; name: string };
  host?: string;
  path?: string;
  pathType?: string;
  service?: { namespace: string; name: string; port?: number | string; exists: boolean };
  /** Pods behind the service that receive traffic (ready endpoints; terminating-but-serving ones if none are ready). */
  pods: string[];
}

/** Prefix matching element by element: /foo matches /foo and /foo/bar, not /foobar. */
export function prefixMatches(prefix: string, path: string): boolean {
  const split = (p: string): string[] => p.split('/').filter((s) => s !== '');
  const a = split(prefix);
  const b = split(path);
  if (a.length > b.length) return false;
  return a.every((seg, i) => seg === b[i]);
}

/** A wildcard host covers exactly one DNS label. */
export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
  }
  return ruleHost === host;
}

/**
 * Which Service and pods a request for host + path reaches. Among all Ingresses of the class (the
 * default IngressClass when `ingressClassName` is omitted), the longest matching path wins; on equal
 * length Exact beats Prefix. ImplementationSpecific is treated as Prefix.
 */
export function resolveIngress(store: ObjectStore, host: string, path: string, options: { namespace?: string; ingressClassName?: string } = {}): IngressRoute {
  const defaultClass = store.list('IngressClass').find((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  const className = options.ingressClassName ?? defaultClass;
  const ingresses = store.list<Ingress>('Ingress', options.namespace).filter((i) => (i.spec.ingressClassName ?? defaultClass) === className);
  let best: { ing: Ingress; host?: string; p: IngressPath; length: number; exact: boolean } | undefined;
  for (const ing of ingresses) {
    for (const rule of ing.spec.rules ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      for (const p of rule.http?.paths ?? []) {
        const type = p.pathType ?? 'ImplementationSpecific';
        const rulePath = p.path ?? '/';
        const exact = type === 'Exact';
        if (exact ? rulePath !== path : !prefixMatches(rulePath, path)) continue;
        const length = rulePath.replace(/\/+$/, '').length;
        const better = !best || length > best.length || (length === best.length && exact && !best.exact) || (length === best.length && exact === best.exact && !!rule.host && !best.host);
        if (better) best = { ing, host: rule.host, p, length, exact };
      }
    }
  }
  if (best) return route(store, 'matched', best.ing, best.p.backend, best.host, best.p.path ?? '/', best.p.pathType ?? 'ImplementationSpecific');
  const fallback = ingresses.find((i) => i.spec.defaultBackend);
  if (fallback) return route(store, 'default-backend', fallback, fallback.spec.defaultBackend!);
  return { outcome: 'not-found', pods: [] };
}

function route(store: ObjectStore, outcome: IngressRoute['outcome'], ing: Ingress, backend: Backend, host?: string, path?: string, pathType?: string): IngressRoute {
  const ns = ing.metadata.namespace ?? 'default';
  const out: IngressRoute = { outcome, ingress: { namespace: ns, name: ing.metadata.name }, host, path, pathType, pods: [] };
  if (!backend.service) return out;
  const svc = store.get<Service>('Service', ns, backend.service.name);
  out.service = { namespace: ns, name: backend.service.name, port: backend.service.port?.number ?? backend.service.port?.name, exists: !!svc };
  if (!svc) return out;
  out.pods = servingPods(store, svc);
  return out;
}

/** The pods kube-proxy would send traffic to: ready endpoints, else serving terminating ones. */
export function servingPods(store: ObjectStore, svc: Service): string[] {
  const slices = store.select('EndpointSlice', svc.metadata.namespace, { matchLabels: { 'kubernetes.io/service-name': svc.metadata.name } });
  type Endpoint = { conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }; targetRef?: { name: string } };
  const endpoints = slices.flatMap((s) => ((s as { endpoints?: Endpoint[] }).endpoints ?? []));
  const ready = endpoints.filter((e) => e.conditions?.ready);
  const chosen = ready.length > 0 ? ready : endpoints.filter((e) => e.conditions?.serving && e.conditions?.terminating);
  return chosen.map((e) => e.targetRef?.name ?? '').filter(Boolean).sort();
}
