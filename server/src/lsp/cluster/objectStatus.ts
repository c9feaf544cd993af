import type { Cluster } from '../../sim/cluster';
import { podStatusColumn } from '../../sim/print/podStatus';
import type { Condition, KObject, Pod } from '../../sim/types';
import { humanDuration } from '../../sim/util/duration';
import { getCondition, isPodReady } from '../../sim/util/pods';
import { parseTime } from '../../sim/util/time';
import { podsOf } from './ownedPods';

/**
 * One line of live status for an applied object, shown in its code lens:
 * "● 3/3 ready", "◐ rolling out 2/3 updated", "✖ CrashLoopBackOff · 1/3 ready",
 * "Pending: 0/3 nodes are available: 3 Insufficient cpu.".
 */

/** Pod STATUS values (kubectl's column) that mean something is broken, not just starting. */
const FAILING = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'Error',
  'OOMKilled',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'Evicted',
]);

type Loose = Record<string, unknown> & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

export function statusLine(cluster: Cluster, obj: KObject): string {
  if (obj.metadata.deletionTimestamp) return '◐ Terminating';
  const o = obj as Loose;
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(cluster, o);
    case 'ReplicaSet':
    case 'StatefulSet':
      return replicatedStatus(cluster, obj, num(o.spec?.replicas, 1), num(o.status?.readyReplicas, 0));
    case 'DaemonSet':
      return replicatedStatus(cluster, obj, num(o.status?.desiredNumberScheduled, 0), num(o.status?.numberReady, 0));
    case 'Pod':
      return podStatus(obj as Pod);
    case 'Job':
      return jobStatus(cluster, o);
    case 'CronJob':
      return cronJobStatus(cluster, o);
    case 'Service':
      return serviceStatus(cluster, o);
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return phaseStatus(String(o.status?.phase ?? 'Pending'), 'Bound');
    case 'Namespace':
      return phaseStatus(String(o.status?.phase ?? 'Active'), 'Active');
    case 'HorizontalPodAutoscaler':
      return `● ${num(o.status?.currentReplicas, 0)} replicas (min ${num(o.spec?.minReplicas, 1)}, max ${num(o.spec?.maxReplicas, 0)})`;
    default:
      return '● applied';
  }
}

function deploymentStatus(cluster: Cluster, d: Loose): string {
  const desired = num(d.spec?.replicas, 1);
  const status = d.status ?? {};
  const updated = num(status.updatedReplicas, 0);
  const ready = num(status.readyReplicas, 0);
  const total = num(status.replicas, 0);
  const available = num(status.availableReplicas, 0);
  const progressing = getCondition(status.conditions as Condition[] | undefined, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return `✖ ProgressDeadlineExceeded · ${ready}/${desired} ready`;
  const problem = podProblem(podsOf(cluster, d as unknown as KObject));
  if (problem?.startsWith('Pending:')) return problem;
  if (problem) return `✖ ${problem} · ${ready}/${desired} ready`;
  const meta = d.metadata as KObject['metadata'];
  const refused = creationFailure(cluster.list<KObject>('ReplicaSet', meta.namespace).filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === meta.uid)));
  if (refused) return `✖ ${refused} · ${ready}/${desired} ready`;
  const observed = num(status.observedGeneration, 0) >= num((d.metadata as KObject['metadata']).generation, 0);
  const rolling = !observed || updated < desired || total > updated || available < updated;
  if (d.spec?.paused && rolling) return `⏸ rollout paused ${updated}/${desired} updated`;
  if (rolling && (updated < desired || total > updated)) return `◐ rolling out ${updated}/${desired} updated`;
  return readyLine(ready, desired);
}

function replicatedStatus(cluster: Cluster, obj: KObject, desired: number, ready: number): string {
  const problem = podProblem(podsOf(cluster, obj));
  if (problem?.startsWith('Pending:')) return problem;
  if (problem) return `✖ ${problem} · ${ready}/${desired} ready`;
  const refused = creationFailure([obj]);
  if (refused) return `✖ ${refused} · ${ready}/${desired} ready`;
  return readyLine(ready, desired);
}

/**
 * Pods the API server refuses (a ReplicaSet's ReplicaFailure condition), shortened to the reason:
 * `FailedCreate: violates PodSecurity "restricted:latest"`.
 */
function creationFailure(owners: KObject[]): string | undefined {
  for (const owner of owners) {
    const failure = getCondition((owner.status as { conditions?: Condition[] } | undefined)?.conditions, 'ReplicaFailure');
    if (failure?.status !== 'True') continue;
    const why = (failure.message ?? '').replace(/^\S+ "[^"]*" is forbidden: /, '').split(': ')[0];
    return `${failure.reason ?? 'FailedCreate'}: ${why}`;
  }
  return undefined;
}

function readyLine(ready: number, desired: number): string {
  if (desired === 0) return '● scaled to 0';
  return `${ready >= desired ? '●' : '◐'} ${ready}/${desired} ready`;
}

/** The most telling problem among pods: a failing container, or why a pod cannot be scheduled. */
function podProblem(pods: Pod[]): string | undefined {
  let pending: string | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const column = podStatusColumn(pod);
    const reason = column.startsWith('Init:') ? column.slice(5) : column;
    if (FAILING.has(reason)) return column;
    pending ??= unschedulable(pod);
  }
  return pending;
}

function unschedulable(pod: Pod): string | undefined {
  const scheduled = getCondition(pod.status?.conditions, 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
  // The scheduler appends what preemption could do; the lens keeps the first sentence.
  const message = (scheduled.message ?? 'pod cannot be scheduled').replace(/ preemption: .*$/, '');
  return `Pending: ${message}`;
}

function podStatus(pod: Pod): string {
  const column = podStatusColumn(pod);
  const reason = column.startsWith('Init:') ? column.slice(5) : column;
  if (FAILING.has(reason)) return `✖ ${column}`;
  const pending = unschedulable(pod);
  if (pending) return pending;
  const containers = pod.spec.containers.length;
  const ready = (pod.status?.containerStatuses ?? []).filter((s) => s.ready).length;
  if (column === 'Running') return `${isPodReady(pod) ? '●' : '◐'} Running ${ready}/${containers} ready`;
  if (column === 'Completed' || column === 'Succeeded') return '● Completed';
  return `◐ ${column}`;
}

function jobStatus(cluster: Cluster, job: Loose): string {
  const conditions = (job.status?.conditions ?? []) as Condition[];
  const completions = num(job.spec?.completions, 1);
  const succeeded = num(job.status?.succeeded, 0);
  if (getCondition(conditions, 'Complete')?.status === 'True') return `● Complete ${succeeded}/${completions}`;
  const failed = getCondition(conditions, 'Failed');
  if (failed?.status === 'True') return `✖ Failed: ${failed.reason ?? 'Failed'}`;
  const problem = podProblem(podsOf(cluster, job as unknown as KObject));
  if (problem) return problem.startsWith('Pending:') ? problem : `✖ ${problem} · ${succeeded}/${completions} complete`;
  return `◐ running ${succeeded}/${completions} complete`;
}

function cronJobStatus(cluster: Cluster, cron: Loose): string {
  if (cron.spec?.suspend === true) return '⏸ suspended';
  const last = parseTime(cron.status?.lastScheduleTime as string | undefined);
  const active = Array.isArray(cron.status?.active) ? cron.status.active.length : 0;
  const when = last === undefined ? 'not run yet' : `last run ${humanDuration(cluster.now - last)} ago`;
  return `● ${String(cron.spec?.schedule ?? '')} · ${when}${active > 0 ? ` · ${active} active` : ''}`;
}

function serviceStatus(cluster: Cluster, svc: Loose): string {
  if (svc.spec?.type === 'ExternalName') return `● ExternalName ${String(svc.spec.externalName ?? '')}`;
  const selector = svc.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return '● no selector';
  const name = (svc.metadata as KObject['metadata']).name;
  const slices = cluster
    .list('EndpointSlice', (svc.metadata as KObject['metadata']).namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
  let ready = 0;
  for (const slice of slices) {
    for (const endpoint of ((slice as Loose).endpoints as { conditions?: { ready?: boolean } }[] | undefined) ?? [])
      if (endpoint.conditions?.ready !== false) ready++;
  }
  if (ready > 0) return `● ${ready} ${ready === 1 ? 'endpoint' : 'endpoints'} ready`;
  return podsOf(cluster, svc as unknown as KObject).length > 0 ? '◐ no ready endpoints' : '◐ selects no pods';
}

function phaseStatus(phase: string, good: string): string {
  return `${phase === good ? '●' : '◐'} ${phase}`;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
