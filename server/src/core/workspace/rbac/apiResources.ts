/**
 * The resources each built-in API group serves, per Kubernetes minor version, as RBAC rules name
 * them (plural, lowercase), plus the subresources of the common resources.
 * The kind-derived part is generated (apiResources.json, by scripts/buildApiResources.ts); the
 * resources that have no kind of their own and the subresource lists are written here by hand,
 * from the Kubernetes API discovery documents and the bootstrap RBAC policy.
 */
import table from './apiResources.json';

interface ApiResourceTable {
  minMinor: number;
  maxMinor: number;
  groups: Record<string, Record<string, string>>;
}

const TABLE = table as ApiResourceTable;

/** RBAC resource names that are not kinds: impersonation targets, CSR signers. Served in every version of the table. */
const EXTRA_RESOURCES: Record<string, readonly string[]> = {
  '': ['users', 'groups'],
  'authentication.k8s.io': ['userextras', 'uids'],
  'certificates.k8s.io': ['signers'],
};

/**
 * Known subresources of common resources. A resource listed here only has these subresources;
 * for resources not listed, any subresource is accepted (the list would be a guess).
 */
const SUBRESOURCES: Record<string, Record<string, readonly string[]>> = {
  '': {
    pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
    services: ['proxy', 'status'],
    nodes: ['proxy', 'status', 'stats', 'log', 'spec', 'metrics', 'configz', 'healthz', 'pods', 'checkpoint'],
    namespaces: ['finalize', 'status'],
    replicationcontrollers: ['scale', 'status'],
    persistentvolumeclaims: ['status'],
    persistentvolumes: ['status'],
    resourcequotas: ['status'],
    serviceaccounts: ['token'],
    endpoints: ['restricted'],
    configmaps: [],
    secrets: [],
  },
  apps: {
    deployments: ['scale', 'status'],
    replicasets: ['scale', 'status'],
    statefulsets: ['scale', 'status'],
    daemonsets: ['status'],
    controllerrevisions: [],
  },
  batch: { jobs: ['status'], cronjobs: ['status'] },
  autoscaling: { horizontalpodautoscalers: ['status'] },
  policy: { poddisruptionbudgets: ['status'] },
  'networking.k8s.io': { ingresses: ['status'], networkpolicies: ['status'], ingressclasses: [] },
  'rbac.authorization.k8s.io': { roles: [], rolebindings: [], clusterroles: [], clusterrolebindings: [] },
  'certificates.k8s.io': { certificatesigningrequests: ['approval', 'status', 'nodeclient', 'selfnodeclient'] },
};

function servedIn(ranges: string, minor: number): boolean {
  for (const part of ranges.split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (minor >= from && minor <= (to ?? from)) return true;
  }
  return false;
}

/** "1.36" → 36, clamped to the versions the table knows. */
export function minorVersion(kubernetesVersion: string): number {
  const m = /^1\.(\d+)/.exec(kubernetesVersion);
  const minor = m ? Number(m[1]) : TABLE.maxMinor;
  return Math.min(Math.max(minor, TABLE.minMinor), TABLE.maxMinor);
}

/** True when Kubernetes serves (or once served) this API group. */
export function isBuiltinGroup(group: string): boolean {
  return Object.prototype.hasOwnProperty.call(TABLE.groups, group) || Object.prototype.hasOwnProperty.call(EXTRA_RESOURCES, group);
}

/** True when `group` serves `resource` (plural, no subresource) in Kubernetes 1.<minor>. */
export function groupServes(group: string, resource: string, minor: number): boolean {
  if (EXTRA_RESOURCES[group]?.includes(resource)) return true;
  const ranges = TABLE.groups[group]?.[resource];
  return ranges !== undefined && servedIn(ranges, minor);
}

/** The built-in groups that serve `resource` in 1.<minor>, core first. */
export function groupsServing(resource: string, minor: number): string[] {
  const out: string[] = [];
  for (const group of Object.keys(TABLE.groups)) if (groupServes(group, resource, minor)) out.push(group);
  for (const group of Object.keys(EXTRA_RESOURCES)) if (!out.includes(group) && groupServes(group, resource, minor)) out.push(group);
  return out;
}

/** The last minor version in which `group` served `resource`, when it was served once but is not in 1.<minor>. */
export function lastServedMinor(group: string, resource: string): number | undefined {
  const ranges = TABLE.groups[group]?.[resource];
  if (!ranges) return undefined;
  const ends = ranges.split(',').map((part) => Number(part.split('-').pop()));
  return Math.max(...ends);
}

/** All resources of a group in 1.<minor> (for "did you mean" suggestions). */
export function resourcesOfGroup(group: string, minor: number): string[] {
  const out = Object.entries(TABLE.groups[group] ?? {})
    .filter(([, ranges]) => servedIn(ranges, minor))
    .map(([name]) => name);
  return out.concat(EXTRA_RESOURCES[group] ?? []);
}

/** The known subresources of a resource, or undefined when the resource's subresources are not listed. */
export function knownSubresources(group: string, resource: string): readonly string[] | undefined {
  return SUBRESOURCES[group]?.[resource];
}

/** Every built-in resource of 1.<minor> with its group. */
export function allResources(minor: number): { group: string; resource: string }[] {
  const groups = new Set([...Object.keys(TABLE.groups), ...Object.keys(EXTRA_RESOURCES)]);
  return [...groups].flatMap((group) => resourcesOfGroup(group, minor).map((resource) => ({ group, resource })));
}
