import type { Cluster } from '../../sim/cluster';
import type { KObject, Pod } from '../../sim/types';
import { matchesLabels } from '../../sim/util/labels';
import { controllerRef } from '../../sim/util/pods';

/** Objects of `kind` in the namespace whose controller is one of `owners`. */
function controlledBy<T extends KObject>(cluster: Cluster, kind: string, namespace: string | undefined, owners: ReadonlySet<string>): T[] {
  if (owners.size === 0) return [];
  return cluster.list<T>(kind, namespace).filter((o) => owners.has(controllerRef(o)?.uid ?? ''));
}

/**
 * The pods that make up an object: a workload's pods (through its ReplicaSets or Jobs), or the pods a
 * Service selects. Empty for other kinds.
 */
export function podsOf(cluster: Cluster, obj: KObject): Pod[] {
  const namespace = obj.metadata.namespace;
  const self = new Set([obj.metadata.uid]);
  switch (obj.kind) {
    case 'Deployment': {
      const replicaSets = controlledBy(cluster, 'ReplicaSet', namespace, self);
      return controlledBy<Pod>(cluster, 'Pod', namespace, new Set(replicaSets.map((rs) => rs.metadata.uid)));
    }
    case 'CronJob': {
      const jobs = controlledBy(cluster, 'Job', namespace, self);
      return controlledBy<Pod>(cluster, 'Pod', namespace, new Set(jobs.map((j) => j.metadata.uid)));
    }
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return controlledBy<Pod>(cluster, 'Pod', namespace, self);
    case 'Service': {
      const selector = (obj.spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (!selector || Object.keys(selector).length === 0) return [];
      return cluster.list<Pod>('Pod', namespace).filter((p) => matchesLabels(selector, p.metadata.labels));
    }
    default:
      return [];
  }
}
