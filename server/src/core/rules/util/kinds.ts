import type { JsonPath } from '../../model/locate';
import { isRecord, type Resource } from '../../model/resource';

/**
 * Which built-in kind a resource is. Checks only judge objects whose API group they know, so a
 * custom resource that happens to be called `Deployment` is left alone.
 */
const GROUPS_OF_KIND: Record<string, readonly string[]> = {
  Pod: [''],
  PodTemplate: [''],
  Service: [''],
  Namespace: [''],
  ConfigMap: [''],
  Secret: [''],
  ServiceAccount: [''],
  PersistentVolumeClaim: [''],
  PersistentVolume: [''],
  ReplicationController: [''],
  Endpoints: [''],
  LimitRange: [''],
  ResourceQuota: [''],
  Node: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  Ingress: ['networking.k8s.io', 'extensions'],
  IngressClass: ['networking.k8s.io'],
  NetworkPolicy: ['networking.k8s.io'],
  HorizontalPodAutoscaler: ['autoscaling'],
  PodDisruptionBudget: ['policy'],
  Role: ['rbac.authorization.k8s.io'],
  ClusterRole: ['rbac.authorization.k8s.io'],
  RoleBinding: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  StorageClass: ['storage.k8s.io'],
  PriorityClass: ['scheduling.k8s.io'],
  EndpointSlice: ['discovery.k8s.io'],
};

/** True when the resource is the built-in kind (in one of the kind's API groups). */
export function isBuiltin(resource: Resource, ...kinds: string[]): boolean {
  if (!kinds.includes(resource.kind)) return false;
  return GROUPS_OF_KIND[resource.kind]?.includes(resource.group) ?? false;
}

/** True for every kind the table above knows, in its groups. */
export function isKnownBuiltin(resource: Resource): boolean {
  return GROUPS_OF_KIND[resource.kind]?.includes(resource.group) ?? false;
}

/** The value at a JSON path of a plain object, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (!isRecord(node)) return undefined;
      node = node[step];
    }
  }
  return node;
}

export function recordAt(root: unknown, path: JsonPath): Record<string, unknown> | undefined {
  const v = valueAt(root, path);
  return isRecord(v) ? v : undefined;
}

export function arrayAt(root: unknown, path: JsonPath): unknown[] {
  const v = valueAt(root, path);
  return Array.isArray(v) ? v : [];
}

/** Items of an array that are mappings, with their index. */
export function recordItems(root: unknown, path: JsonPath): { item: Record<string, unknown>; index: number }[] {
  const out: { item: Record<string, unknown>; index: number }[] = [];
  arrayAt(root, path).forEach((item, index) => {
    if (isRecord(item)) out.push({ item, index });
  });
  return out;
}

/** Whether a value was written at all (null and absent both count as unset, as in Go's zero values). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
