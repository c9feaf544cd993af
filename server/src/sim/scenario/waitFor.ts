import type { Cluster } from '../cluster';
import type { KObject, Pod } from '../types';
import { matchesLabels } from '../util/labels';
import { isPodReady } from '../util/pods';

export interface WaitForSpec {
  kind: string;
  name?: string;
  namespace?: string;
  selector?: Record<string, string>;
  /** With a selector: how many objects must satisfy the predicate (default: all matching, at least one). */
  count?: number;
  condition?: string;
  status?: string;
  phase?: string;
  ready?: boolean;
  rolloutComplete?: boolean;
  deleted?: boolean;
  timeout?: string | number;
}

/** The rollout status message of `kubectl rollout status`, and whether it is done or failed. */
export function rolloutStatus(obj: KObject): { done: boolean; failed?: boolean; message: string } {
  const o = obj as KObject & { spec: Record<string, number | undefined>; status?: Record<string, unknown> };
  const s = (o.status ?? {}) as Record<string, number | undefined> & { conditions?: { type: string; reason?: string; status?: string }[]; updateRevision?: unknown; currentRevision?: unknown };
  const name = obj.metadata.name;
  const generation = obj.metadata.generation ?? 0;
  if (obj.kind === 'Deployment') {
    if (generation > (s.observedGeneration ?? 0)) return { done: false, message: 'Waiting for deployment spec update to be observed...' };
    if (s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded') return { done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline` };
    const replicas = o.spec.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < replicas) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...` };
    if ((s.replicas ?? 0) > updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...` };
    if ((s.availableReplicas ?? 0) < updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
    return { done: true, message: `deployment "${name}" successfully rolled out` };
  }
  if (obj.kind === 'DaemonSet') {
    if (generation > (s.observedGeneration ?? 0)) return { done: false, message: 'Waiting for daemon set spec update to be observed...' };
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...` };
    if ((s.numberAvailable ?? 0) < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...` };
    return { done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  if (obj.kind === 'StatefulSet') {
    if (generation > (s.observedGeneration ?? 0)) return { done: false, message: 'Waiting for statefulset spec update to be observed...' };
    const replicas = o.spec.replicas ?? 1;
    if ((s.readyReplicas ?? 0) < replicas) return { done: false, message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...` };
    if (s.updateRevision !== s.currentRevision || (s.updatedReplicas ?? 0) < replicas) return { done: false, message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${String(s.updateRevision)}...` };
    return { done: true, message: `statefulset rolling update complete ${replicas} pods at revision ${String(s.updateRevision)}...` };
  }
  if (obj.kind === 'Job') {
    const has = (t: string): boolean => !!s.conditions?.some((c) => c.type === t && c.status === 'True');
    if (has('Failed')) return { done: false, failed: true, message: `job "${name}" failed` };
    return has('Complete') ? { done: true, message: `job "${name}" complete` } : { done: false, message: `Waiting for job "${name}" to complete...` };
  }
  return { done: true, message: `${obj.kind.toLowerCase()} "${name}" has no rollout` };
}

function satisfies(obj: KObject, spec: WaitForSpec): boolean {
  if (spec.rolloutComplete && !rolloutStatus(obj).done) return false;
  const status = obj.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  if (spec.condition && !status?.conditions?.some((c) => c.type === spec.condition && c.status === (spec.status ?? 'True'))) return false;
  if (spec.phase && status?.phase !== spec.phase) return false;
  if (spec.ready !== undefined && obj.kind === 'Pod' && (isPodReady(obj as Pod) && !obj.metadata.deletionTimestamp) !== spec.ready) return false;
  return true;
}

/** The predicate of a waitFor step, and a description of what is still missing. */
export function waitPredicate(cluster: Cluster, spec: WaitForSpec): { check: () => boolean; describe: () => string } {
  const namespace = spec.kind === 'Node' || spec.kind === 'Namespace' ? undefined : spec.namespace ?? 'default';
  const targets = (): KObject[] => {
    if (spec.name) {
      const obj = cluster.get(spec.kind, namespace, spec.name);
      return obj ? [obj] : [];
    }
    return cluster.list(spec.kind, namespace).filter((o) => matchesLabels(spec.selector, o.metadata.labels));
  };
  const check = (): boolean => {
    const objs = targets();
    if (spec.deleted) return objs.length === 0;
    if (spec.rolloutComplete && objs.some((o) => rolloutStatus(o).failed)) return true;
    if (objs.length === 0) return false;
    const good = objs.filter((o) => satisfies(o, spec)).length;
    return spec.count !== undefined ? good >= spec.count : good === objs.length;
  };
  const describe = (): string => {
    const objs = targets();
    const what = spec.name ? `${spec.kind}/${spec.name}` : `${spec.kind} matching ${JSON.stringify(spec.selector ?? {})}`;
    if (spec.deleted) return objs.length === 0 ? `${what} deleted` : `${what} still exists`;
    if (objs.length === 0) return `${what} not found`;
    if (spec.rolloutComplete) return objs.map((o) => rolloutStatus(o).message).join('; ');
    const good = objs.filter((o) => satisfies(o, spec)).length;
    return `${what}: ${good} of ${objs.length} satisfy ${JSON.stringify({ condition: spec.condition, status: spec.status, phase: spec.phase, ready: spec.ready })}`;
  };
  return { check, describe };
}
