import type { Cluster } from '../../sim/cluster';
import { ApiError } from '../../sim/store/api';
import type { KObject, PodTemplate } from '../../sim/types';
import type { ActionResponse, ClusterAction } from '../protocol';
import type { ClockDriver } from './clockDriver';

/** How long a container runs before the `crash` fault makes it exit (virtual ms). */
export const CRASH_AFTER_MS = 3000;

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/**
 * Runs a panel action. Failures the user can cause (a missing object, an invalid scale) come back as
 * `ok: false` with kubectl's message; they never throw.
 */
export function runAction(cluster: Cluster, clock: ClockDriver, action: ClusterAction): ActionResponse {
  try {
    return { ok: true, message: perform(cluster, clock, action) };
  } catch (err) {
    if (err instanceof ApiError || err instanceof RangeError) return { ok: false, message: err.message };
    throw err;
  }
}

function perform(cluster: Cluster, clock: ClockDriver, action: ClusterAction): string {
  switch (action.type) {
    case 'deletePod': {
      const [result] = cluster.delete({ kind: 'Pod', namespace: action.namespace, name: action.name });
      if (!result.ok) throw new ApiError(result.message, 'NotFound');
      return result.message;
    }
    case 'scale':
      return cluster.scale(action.kind, action.namespace, action.name, action.replicas);
    case 'rolloutRestart':
      return cluster.rolloutRestart(action.kind, action.namespace, action.name);
    case 'rolloutUndo':
      return cluster.rolloutUndo(action.namespace, action.name, action.toRevision ?? 0);
    case 'cordon':
      return cluster.cordon(action.node, true);
    case 'uncordon':
      return cluster.cordon(action.node, false);
    case 'drain':
      return cluster.drain(action.node).join('\n');
    case 'addNode': {
      const names = new Set(cluster.list('Node').map((n) => n.metadata.name));
      let n = names.size + 1;
      while (names.has(`node-${n}`)) n++;
      return cluster.addNode({ name: action.node ?? `node-${n}`, cpu: action.cpu, memory: action.memory });
    }
    case 'failNode':
      return cluster.nodeDown(action.node);
    case 'recoverNode':
      return cluster.nodeUp(action.node);
    case 'fault':
      return addFault(cluster, action);
    case 'pause':
      clock.pause();
      return 'clock paused';
    case 'resume':
      clock.resume();
      return 'clock resumed';
    case 'step':
      clock.step(action.ms);
      return `clock at ${cluster.time} ms`;
    case 'setSpeed':
      clock.setSpeed(action.speed);
      return action.speed === 0 ? 'speed: as fast as possible' : `speed: ${action.speed}×`;
  }
}

/** A fault on one pod, or on every pod (existing and future) of a workload with that name. */
function addFault(cluster: Cluster, action: Extract<ClusterAction, { type: 'fault' }>): string {
  const behavior =
    action.fault === 'crash'
      ? { crashAfterMs: CRASH_AFTER_MS, exitCode: 1 }
      : action.fault === 'imagePullFailure'
        ? { imagePull: 'fail' as const }
        : { readiness: 'fail' as const };
  const pod = cluster.get('Pod', action.namespace, action.name);
  if (pod) {
    cluster.addFault({ namespace: action.namespace, pod: action.name, behavior });
    return `fault ${action.fault} added to pod/${action.name}`;
  }
  for (const kind of WORKLOAD_KINDS) {
    const workload = cluster.get(kind, action.namespace, action.name);
    const labels = workload && templateLabels(workload);
    if (labels) {
      cluster.addFault({ namespace: action.namespace, selector: labels, behavior });
      return `fault ${action.fault} added to the pods of ${kind.toLowerCase()}/${action.name}`;
    }
  }
  throw new ApiError(`no pod or workload named "${action.name}" in namespace "${action.namespace}"`, 'NotFound');
}

function templateLabels(obj: KObject): Record<string, string> | undefined {
  const template = (obj.spec as { template?: PodTemplate } | undefined)?.template;
  const labels = template?.metadata?.labels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
