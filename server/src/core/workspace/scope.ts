/**
 * Which kinds are cluster-scoped (have no namespace). Built-in kinds come from the committed table
 * schemas/cluster-scoped.json (API group → kinds); custom kinds get their scope from a
 * CustomResourceDefinition in the workspace (see crds.ts).
 */
import clusterScopedKinds from '../../../../schemas/cluster-scoped.json';
import { isBuiltinGroup } from './rbac/apiResources';

/** Built-in cluster-scoped kinds, keyed by `group/Kind` ('' group = core). */
const CLUSTER_SCOPED = new Set(Object.entries(clusterScopedKinds as Record<string, string[]>).flatMap(([group, kinds]) => kinds.map((kind) => `${group}/${kind}`)));

/** Kinds that are cluster-scoped whatever group they are written with (older groups, typos in group). */
const CLUSTER_SCOPED_KINDS = new Set([...CLUSTER_SCOPED].map((k) => k.slice(k.indexOf('/') + 1)));

/** True for a built-in cluster-scoped kind. */
export function isBuiltinClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`) || (isBuiltinGroup(group) && CLUSTER_SCOPED_KINDS.has(kind));
}
