/**
 * The resources the API server serves: group, version, plural, kind, scope, verbs, short names,
 * categories and subresources, as a Kubernetes 1.32 API server registers them (facts from upstream).
 */

export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural resource name ("deployments"). */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: string[];
  /** Verbs; default: the full set for a stored object. */
  verbs?: string[];
}

export const CRUD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];

type Row = [
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
  categories?: string[],
  subresources?: string[],
];

const ALL = ['all'];
const ROWS: Row[] = [
  ['', 'v1', 'bindings', 'Binding', true],
  ['', 'v1', 'configmaps', 'ConfigMap', true, ['cm']],
  ['', 'v1', 'endpoints', 'Endpoints', true, ['ep']],
  ['', 'v1', 'events', 'Event', true, ['ev']],
  ['', 'v1', 'limitranges', 'LimitRange', true, ['limits']],
  ['', 'v1', 'namespaces', 'Namespace', false, ['ns'], undefined, ['finalize', 'status']],
  ['', 'v1', 'nodes', 'Node', false, ['no'], undefined, ['proxy', 'status']],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], undefined, ['status']],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv'], undefined, ['status']],
  [
    '',
    'v1',
    'pods',
    'Pod',
    true,
    ['po'],
    ALL,
    ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  ],
  ['', 'v1', 'podtemplates', 'PodTemplate', true],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', true, ['rc'], ALL, ['scale', 'status']],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota'], undefined, ['status']],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa'], undefined, ['token']],
  ['', 'v1', 'services', 'Service', true, ['svc'], ALL, ['proxy', 'status']],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ALL, ['status']],
  ['apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ALL, ['scale', 'status']],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ALL, ['scale', 'status']],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ALL, ['scale', 'status']],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false],
  ['authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ALL, ['status']],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], ALL, ['status']],
  ['batch', 'v1', 'jobs', 'Job', true, undefined, ALL, ['status']],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', true],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing'], undefined, ['status']],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], undefined, ['status']],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, ['pc']],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc']],
];

/** Kinds served only as a POST that returns the reviewed object (never stored). */
const REVIEW_KINDS = new Set(['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'Binding']);

export const RESOURCES: ResourceInfo[] = ROWS.map(([group, version, resource, kind, namespaced, shortNames, categories, subresources]) => ({
  group,
  version,
  resource,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  shortNames,
  categories,
  subresources,
  verbs: REVIEW_KINDS.has(kind) ? CREATE_ONLY : CRUD_VERBS,
}));

/** Verbs per subresource, as discovery lists them. */
export function subresourceVerbs(sub: string): string[] {
  switch (sub) {
    case 'status':
    case 'scale':
      return ['get', 'patch', 'update'];
    case 'log':
      return ['get'];
    case 'binding':
    case 'eviction':
    case 'token':
      return ['create'];
    case 'exec':
    case 'attach':
    case 'portforward':
    case 'proxy':
      return ['create', 'get'];
    case 'finalize':
      return ['update'];
    default:
      return ['get', 'patch', 'update'];
  }
}

/** The kind a subresource request body or response has. */
export function subresourceKind(sub: string): { group: string; version: string; kind: string } | undefined {
  switch (sub) {
    case 'scale':
      return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    case 'eviction':
      return { group: 'policy', version: 'v1', kind: 'Eviction' };
    case 'binding':
      return { group: '', version: 'v1', kind: 'Binding' };
    case 'token':
      return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' };
    case 'log':
    case 'exec':
    case 'attach':
    case 'portforward':
    case 'proxy':
      return undefined;
    default:
      return undefined;
  }
}

export function groupVersion(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

const byPath = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  byPath.set(`${r.group}/${r.version}/${r.resource}`, r);
  if (!byKind.has(r.kind)) byKind.set(r.kind, r);
}

export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byPath.get(`${group}/${version}/${resource}`);
}

/** The preferred resource of a kind (the core Event, not events.k8s.io). */
export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** Served group versions, in discovery order ("" for the core group). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(groupVersion(r), { group: r.group, version: r.version });
  return [...seen.values()];
}

/** The qualified resource in error messages: "deployments.apps", "pods". */
export function qualified(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function isReviewKind(kind: string): boolean {
  return REVIEW_KINDS.has(kind);
}
