import type { Cluster } from '../../sim/cluster';
import { ApiError } from '../../sim/store/api';
import type { KObject, PodTemplate } from '../../sim/types';
import type { FaultOwner } from '../../sim/faults';
import type { ActionResponse, ClusterAction, FaultInfo } from '../protocol';
import { humanDuration } from '../../sim/util/duration';
import { formatElapsed } from '../../sim/util/time';
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
    case 'clearFault':
      return clearFault(cluster, action.id);
    case 'pause':
      clock.pause();
      return 'clock paused';
    case 'resume':
      clock.resume();
      return 'clock resumed';
    case 'step':
      return stepped(cluster, clock, action.ms);
    case 'setSpeed':
      clock.setSpeed(action.speed);
      return action.speed === 0 ? 'speed: as fast as possible' : `speed: ${action.speed}×`;
  }
}

/** "Paused at 00:46:41 (+10s)", "Paused at 00:46:41: the next change, 35s later". */
function stepped(cluster: Cluster, clock: ClockDriver, ms: number): string {
  const before = cluster.time;
  const changed = clock.step(ms);
  const at = formatElapsed(cluster.time);
  const advanced = humanDuration(cluster.time - before);
  if (ms > 0) return `Paused at ${at} (+${advanced})`;
  if (!changed) return `Paused at ${at}: nothing changes within an hour`;
  return `Paused at ${at}: the next change, ${advanced} later`;
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
    cluster.addFault({ namespace: action.namespace, pod: action.name, behavior, owner: ownerOf(pod), label: action.fault });
    return `fault ${action.fault} added to pod/${action.name}`;
  }
  for (const kind of WORKLOAD_KINDS) {
    const workload = cluster.get(kind, action.namespace, action.name);
    const labels = workload && templateLabels(workload);
    if (labels) {
      cluster.addFault({ namespace: action.namespace, selector: labels, behavior, owner: ownerOf(workload), label: action.fault });
      return `fault ${action.fault} added to the pods of ${kind.toLowerCase()}/${action.name}`;
    }
  }
  throw new ApiError(`no pod or workload named "${action.name}" in namespace "${action.namespace}"`, 'NotFound');
}

function clearFault(cluster: Cluster, id: number): string {
  const rule = cluster.faults.rules.find((r) => r.id === id);
  if (!rule || !cluster.removeFault(id)) throw new ApiError(`no fault with id ${id}`, 'NotFound');
  const target = rule.owner ? `${rule.owner.kind.toLowerCase()}/${rule.owner.name}` : 'its pods';
  return `fault ${rule.label ?? 'rule'} cleared from ${target}`;
}

function ownerOf(obj: KObject): FaultOwner {
  return { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid };
}

/** The faults injected from the panel, for snapshots and deltas. */
export function faultList(cluster: Cluster): FaultInfo[] {
  const out: FaultInfo[] = [];
  for (const rule of cluster.faults.rules) {
    if (!rule.owner || !isPanelFault(rule.label)) continue;
    out.push({ id: rule.id, fault: rule.label, target: { kind: rule.owner.kind, namespace: rule.owner.namespace, name: rule.owner.name } });
  }
  return out;
}

function isPanelFault(label: string | undefined): label is FaultInfo['fault'] {
  return label === 'crash' || label === 'imagePullFailure' || label === 'readinessFailure';
}

function templateLabels(obj: KObject): Record<string, string> | undefined {
  const template = (obj.spec as { template?: PodTemplate } | undefined)?.template;
  const labels = template?.metadata?.labels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
