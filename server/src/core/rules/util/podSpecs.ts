import type { JsonPath } from '../../model/locate';
import { isRecord, type Resource } from '../../model/resource';
import { isBuiltin, recordAt, recordItems } from './kinds';

/** What owns a pod spec; it decides the allowed restart policies. */
export type PodOwner = 'Pod' | 'PodTemplate' | 'ReplicaSetLike' | 'Job';

/** A pod spec inside a resource: a Pod's own spec or a controller's pod template. */
export interface PodSpecSite {
  owner: PodOwner;
  /** JSON path of the pod spec. */
  path: JsonPath;
  spec: Record<string, unknown>;
  /** JSON path of the pod template (`metadata` + `spec`); undefined for a bare Pod. */
  templatePath?: JsonPath;
}

/** Kinds whose pods must keep running (restartPolicy Always). */
export const REPLICA_SET_LIKE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'] as const;

/** JSON path of the pod template of a workload, or undefined for kinds without one. */
export function podTemplatePath(resource: Resource): JsonPath | undefined {
  if (isBuiltin(resource, ...REPLICA_SET_LIKE, 'Job')) return ['spec', 'template'];
  if (isBuiltin(resource, 'CronJob')) return ['spec', 'jobTemplate', 'spec', 'template'];
  if (isBuiltin(resource, 'PodTemplate')) return ['template'];
  return undefined;
}

/** The pod spec of a Pod or of a workload's template, when present. */
export function podSpecOf(resource: Resource): PodSpecSite | undefined {
  if (isBuiltin(resource, 'Pod')) {
    const spec = recordAt(resource.object, ['spec']);
    return spec ? { owner: 'Pod', path: ['spec'], spec } : undefined;
  }
  const templatePath = podTemplatePath(resource);
  if (!templatePath) return undefined;
  const path = [...templatePath, 'spec'];
  const spec = recordAt(resource.object, path);
  if (!spec) return undefined;
  const owner: PodOwner = isBuiltin(resource, 'Job', 'CronJob') ? 'Job' : isBuiltin(resource, 'PodTemplate') ? 'PodTemplate' : 'ReplicaSetLike';
  return { owner, path, spec, templatePath };
}

export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface ContainerSite {
  list: ContainerList;
  index: number;
  path: JsonPath;
  container: Record<string, unknown>;
}

/** Every container of a pod spec, regular, init and ephemeral, in that order. */
export function containersOf(site: PodSpecSite): ContainerSite[] {
  const out: ContainerSite[] = [];
  for (const list of CONTAINER_LISTS) {
    for (const { item, index } of recordItems(site.spec, [list])) {
      out.push({ list, index, path: [...site.path, list, index], container: item });
    }
  }
  return out;
}

/** The names of the pod's volumes (strings only). */
export function volumeNames(spec: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const { item } of recordItems(spec, ['volumes'])) if (typeof item.name === 'string') names.add(item.name);
  return names;
}

/** Every PersistentVolumeClaim spec of a resource: a PVC's own spec and StatefulSet claim templates. */
export function claimSpecsOf(resource: Resource): { path: JsonPath; spec: Record<string, unknown> }[] {
  if (isBuiltin(resource, 'PersistentVolumeClaim')) {
    const spec = recordAt(resource.object, ['spec']);
    return spec ? [{ path: ['spec'], spec }] : [];
  }
  if (isBuiltin(resource, 'StatefulSet')) {
    return recordItems(resource.object, ['spec', 'volumeClaimTemplates'])
      .map(({ item, index }) => ({ path: ['spec', 'volumeClaimTemplates', index, 'spec'] as JsonPath, spec: item.spec }))
      .filter((c): c is { path: JsonPath; spec: Record<string, unknown> } => isRecord(c.spec));
  }
  return [];
}
