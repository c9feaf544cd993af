import { findResource, type ResourceInfo } from './registry';
import { ApiFailure } from './status';

/** Where a request path points. */
export type Route =
  | { type: 'version' | 'api' | 'apis' | 'health' | 'openapiV2' | 'openapiV3' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'openapiV3GroupVersion'; group: string; version: string }
  | ResourceRoute;

export interface ResourceRoute {
  type: 'resource';
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function notFoundPath(): ApiFailure {
  return new ApiFailure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** Parses `/api/v1/namespaces/ns/pods/web/log` and friends. */
export function route(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter((p) => p.length > 0)
    .map(decodeURIComponent);
  const [first, ...rest] = parts;
  switch (first) {
    case 'version':
      if (rest.length === 0) return { type: 'version' };
      break;
    case 'healthz':
    case 'livez':
    case 'readyz':
      return { type: 'health' };
    case 'openapi':
      if (rest[0] === 'v2' && rest.length === 1) return { type: 'openapiV2' };
      if (rest[0] === 'v3') {
        if (rest.length === 1) return { type: 'openapiV3' };
        if (rest[1] === 'api' && rest.length === 3) return { type: 'openapiV3GroupVersion', group: '', version: rest[2] };
        if (rest[1] === 'apis' && rest.length === 4) return { type: 'openapiV3GroupVersion', group: rest[2], version: rest[3] };
      }
      break;
    case 'api':
      if (rest.length === 0) return { type: 'api' };
      if (rest.length === 1) return { type: 'groupVersion', group: '', version: rest[0] };
      return resourceRoute('', rest[0], rest.slice(1));
    case 'apis':
      if (rest.length === 0) return { type: 'apis' };
      if (rest.length === 1) return { type: 'group', group: rest[0] };
      if (rest.length === 2) return { type: 'groupVersion', group: rest[0], version: rest[1] };
      return resourceRoute(rest[0], rest[1], rest.slice(2));
  }
  throw notFoundPath();
}

function resourceRoute(group: string, version: string, parts: string[]): ResourceRoute {
  let namespace: string | undefined;
  let rest = parts;
  // namespaces/{ns}/{resource}…, unless it is the namespace object itself (namespaces/{name}[/status]).
  if (parts[0] === 'namespaces' && parts.length >= 3 && !(group === '' && parts.length === 3 && ['status', 'finalize'].includes(parts[2]))) {
    namespace = parts[1];
    rest = parts.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  const info = findResource(group, version, resource);
  if (!info || extra.length > 0) throw notFoundPath();
  if (!info.namespaced && namespace !== undefined) throw notFoundPath();
  if (subresource !== undefined && !(info.subresources ?? []).includes(subresource)) throw notFoundPath();
  return { type: 'resource', info, namespace, name, subresource };
}
