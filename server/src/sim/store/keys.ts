import type { KObject } from '../types';

/** Kinds stored without a namespace. */
export const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'CustomResourceDefinition',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function keyOf(obj: KObject): string {
  return objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** Group-qualified resource names as the API server prints them in messages ("deployments.apps"). */
const RESOURCES: Record<string, [string, string]> = {
  Pod: ['pods', ''],
  Service: ['services', ''],
  ConfigMap: ['configmaps', ''],
  Secret: ['secrets', ''],
  Namespace: ['namespaces', ''],
  Node: ['nodes', ''],
  PersistentVolume: ['persistentvolumes', ''],
  PersistentVolumeClaim: ['persistentvolumeclaims', ''],
  ServiceAccount: ['serviceaccounts', ''],
  Event: ['events', ''],
  Endpoints: ['endpoints', ''],
  Deployment: ['deployments', 'apps'],
  ReplicaSet: ['replicasets', 'apps'],
  StatefulSet: ['statefulsets', 'apps'],
  DaemonSet: ['daemonsets', 'apps'],
  ControllerRevision: ['controllerrevisions', 'apps'],
  Job: ['jobs', 'batch'],
  CronJob: ['cronjobs', 'batch'],
  HorizontalPodAutoscaler: ['horizontalpodautoscalers', 'autoscaling'],
  Ingress: ['ingresses', 'networking.k8s.io'],
  IngressClass: ['ingressclasses', 'networking.k8s.io'],
  NetworkPolicy: ['networkpolicies', 'networking.k8s.io'],
  EndpointSlice: ['endpointslices', 'discovery.k8s.io'],
  StorageClass: ['storageclasses', 'storage.k8s.io'],
  Role: ['roles', 'rbac.authorization.k8s.io'],
  RoleBinding: ['rolebindings', 'rbac.authorization.k8s.io'],
  ClusterRole: ['clusterroles', 'rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['clusterrolebindings', 'rbac.authorization.k8s.io'],
  PodDisruptionBudget: ['poddisruptionbudgets', 'policy'],
};

export function resourceName(kind: string): string {
  return RESOURCES[kind]?.[0] ?? `${kind.toLowerCase()}s`;
}

/** "deployments.apps", "pods" — the qualified resource in API error messages. */
export function qualifiedResource(kind: string): string {
  const entry = RESOURCES[kind];
  if (!entry) return `${kind.toLowerCase()}s`;
  return entry[1] ? `${entry[0]}.${entry[1]}` : entry[0];
}

/** "Deployment.apps", "Pod" — the qualified kind in "is invalid" messages. */
export function qualifiedKind(kind: string): string {
  const group = RESOURCES[kind]?.[1];
  return group ? `${kind}.${group}` : kind;
}

/** "deployment.apps/web" — kubectl's object reference in command output. */
export function kubectlRef(kind: string, name: string): string {
  const group = RESOURCES[kind]?.[1];
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** The kind a resource name or short name refers to (for RBAC and the CLI). */
export function kindOfResource(resource: string): string | undefined {
  for (const [kind, [plural]] of Object.entries(RESOURCES)) if (plural === resource) return kind;
  return undefined;
}
