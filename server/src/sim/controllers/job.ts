import type { Controller, SimContext } from '../context';
import { ApiError, createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { Condition, KObject, LabelSelector, Pod, PodTemplate } from '../types';
import { controllerRef, isPodReady, isTerminal, splitKey } from '../util/pods';
import { parseTime } from '../util/time';
import { podFromTemplate } from './replicaset';

const SOURCE = 'job-controller';
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export type Job = KObject & {
  spec: { completions?: number; parallelism?: number; backoffLimit?: number; activeDeadlineSeconds?: number; completionMode?: string; suspend?: boolean; selector?: LabelSelector; template: PodTemplate; ttlSecondsAfterFinished?: number };
  status?: { active?: number; succeeded?: number; failed?: number; terminating?: number; ready?: number; startTime?: string; completionTime?: string; conditions?: Condition[]; completedIndexes?: string; uncountedTerminatedPods?: object };
};

/** The Job controller: runs pods until `completions` succeed, with pod-failure back-off and backoffLimit. */
export function jobController(ctx: SimContext): Controller {
  const name = 'job';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Job') ctx.enqueue(name, `${obj.metadata.namespace}/${obj.metadata.name}`);
      else if (obj.kind === 'Pod') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'Job') ctx.enqueue(name, `${obj.metadata.namespace}/${ref.name}`);
      }
    },
    reconcile(key: string) {
      const [ns, jobName] = splitKey(key);
      const job = ctx.store.get<Job>('Job', ns, jobName);
      if (job && !job.metadata.deletionTimestamp) syncJob(ctx, job);
    },
    timers: { 'job.resync': (key) => ctx.enqueue(name, key) },
  };
}

/** Pods the controller deleted while they ran (deadline, backoff limit): they count as failed once gone. */
interface JobState {
  killed: Record<string, string[]>;
}

function finished(job: Job): boolean {
  return !!job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function condition(type: string, reason: string, message: string, now: string): Condition {
  return { type, status: 'True', reason, message, lastProbeTime: now, lastTransitionTime: now };
}

function syncJob(ctx: SimContext, job: Job): void {
  const key = `${job.metadata.namespace}/${job.metadata.name}`;
  const owned = ctx.store.dependents(job.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerRef(o)?.uid === job.metadata.uid);
  const active = owned.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const succeededPods = owned.filter((p) => p.status?.phase === 'Succeeded');
  const failedPods = owned.filter((p) => p.status?.phase === 'Failed');
  const restarts = job.spec.template.spec.restartPolicy === 'OnFailure' ? active.reduce((s, p) => s + (p.status?.containerStatuses ?? []).reduce((x, c) => x + c.restartCount, 0), 0) : 0;
  const failures = failedPods.length + restarts;
  const now = ctx.now();
  const nowIso = ctx.nowIso();
  const indexed = job.spec.completionMode === 'Indexed';
  const succeededIndexes = new Set(succeededPods.map((p) => Number(p.metadata.labels?.['batch.kubernetes.io/job-completion-index'])));
  const succeeded = indexed ? succeededIndexes.size : succeededPods.length;
  const status: NonNullable<Job['status']> = { ...(job.status ?? {}), conditions: [...(job.status?.conditions ?? [])] };
  if (finished(job)) return;
  const killed = ctx.state<JobState>('job', () => ({ killed: {} })).killed;
  const killedUids = new Set(killed[job.metadata.uid] ?? []);
  const terminating = owned.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
  // Killed pods that are gone, or ended without the Failed phase, are counted as failed.
  const killedFailed = [...killedUids].filter((uid) => !owned.some((p) => p.metadata.uid === uid && (p.status?.phase === 'Failed' || !isTerminal(p)))).length;
  const target = status.conditions!.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
  if (target) {
    // upstream (1.31+): the terminal condition waits until the job's pods have terminated.
    if (terminating === 0) finish(ctx, job, status, target);
    writeJobStatus(ctx, job, status, failedPods.length + killedFailed, succeeded, indexed ? succeededIndexes : undefined);
    return;
  }
  if (!job.spec.suspend) status.startTime ??= nowIso;
  const start = parseTime(status.startTime) ?? now;
  let failure: [string, string] | undefined;
  if (failures > (job.spec.backoffLimit ?? 6)) failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
  else if (job.spec.activeDeadlineSeconds !== undefined && now - start >= job.spec.activeDeadlineSeconds * 1000) failure = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
  else if (job.spec.activeDeadlineSeconds !== undefined) ctx.after(start + job.spec.activeDeadlineSeconds * 1000 - now, 'job.resync', key, undefined, true);
  const completions = job.spec.completions;
  const complete = completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0;
  if (failure || complete) {
    if (failure && active.length > 0) killed[job.metadata.uid] = [...killedUids, ...active.map((p) => p.metadata.uid)];
    for (const p of active) deleteObject(ctx, p);
    const next = failure ? condition('FailureTarget', failure[0], failure[1], nowIso) : condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', nowIso);
    status.conditions!.push(next);
    if (active.length === 0 && terminating === 0) finish(ctx, job, status, next);
  } else if (!job.spec.suspend) {
    const parallelism = job.spec.parallelism ?? 1;
    const wanted = completions !== undefined && completions !== null ? Math.min(parallelism, completions - succeeded) : succeeded > 0 ? 0 : parallelism;
    let delay = 0;
    if (failedPods.length > 0) {
      const lastFailure = Math.max(...failedPods.map((p) => parseTime(p.status.containerStatuses?.[0]?.state.terminated?.finishedAt) ?? now));
      const backoff = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failedPods.length - 1), MAX_POD_FAILURE_BACKOFF_MS);
      delay = lastFailure + backoff - now;
    }
    if (active.length < wanted && delay > 0) ctx.after(delay, 'job.resync', key, undefined, true);
    else {
      const busy = new Set(active.map((p) => Number(p.metadata.labels?.['batch.kubernetes.io/job-completion-index'])));
      for (let i = active.length; i < wanted; i++) {
        let index = -1;
        if (indexed) {
          for (let n = 0; n < (completions ?? 0); n++) if (!succeededIndexes.has(n) && !busy.has(n)) { index = n; break; }
          if (index < 0) break;
          busy.add(index);
        }
        if (!createJobPod(ctx, job, index)) break;
      }
    }
    for (const p of active.slice(wanted)) deleteObject(ctx, p);
  }
  writeJobStatus(ctx, job, status, failedPods.length + killedFailed, succeeded, indexed ? succeededIndexes : undefined);
}

/** Adds the terminal condition (Failed or Complete) after FailureTarget / SuccessCriteriaMet, with its event. */
function finish(ctx: SimContext, job: Job, status: NonNullable<Job['status']>, target: Condition): void {
  const nowIso = ctx.nowIso();
  if (target.type === 'FailureTarget') {
    status.conditions!.push(condition('Failed', target.reason!, target.message!, nowIso));
    ctx.record(job, 'Warning', target.reason!, target.message!, SOURCE);
  } else {
    status.conditions!.push(condition('Complete', target.reason!, target.message!, nowIso));
    status.completionTime = nowIso;
    ctx.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
  }
  delete ctx.state<JobState>('job', () => ({ killed: {} })).killed[job.metadata.uid];
}

function writeJobStatus(ctx: SimContext, job: Job, status: NonNullable<Job['status']>, failed: number, succeeded: number, succeededIndexes: Set<number> | undefined): void {
  const live = ctx.store.dependents(job.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && !isTerminal(o as Pod) && !o.metadata.deletionTimestamp);
  status.active = live.length;
  status.ready = live.filter(isPodReady).length;
  status.succeeded = succeeded;
  status.failed = failed;
  status.terminating = ctx.store.dependents(job.metadata.uid).filter((o) => o.kind === 'Pod' && o.metadata.deletionTimestamp && !isTerminal(o as Pod)).length;
  status.uncountedTerminatedPods = {};
  if (succeededIndexes) status.completedIndexes = compressIndexes([...succeededIndexes]);
  if (status.active === 0) delete status.active;
  if (status.succeeded === 0) delete status.succeeded;
  if (status.failed === 0) delete status.failed;
  if (status.conditions!.length === 0) delete status.conditions;
  const current = ctx.store.get<Job>('Job', job.metadata.namespace, job.metadata.name);
  if (current) ctx.store.mutate(current, (j) => {
    j.status = status;
  });
}

function createJobPod(ctx: SimContext, job: Job, index: number): boolean {
  const base = index >= 0 ? `${job.metadata.name}-${index}-` : `${job.metadata.name}-`;
  const pod = podFromTemplate(job.spec.template, job, base);
  if (index >= 0) {
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'batch.kubernetes.io/job-completion-index': String(index) };
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'batch.kubernetes.io/job-completion-index': String(index) };
    pod.spec.hostname = `${job.metadata.name}-${index}`;
    // upstream: pkg/controller/job/indexed_job_utils.go addCompletionIndexEnvVariables (PodIndexLabel: the label)
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      if ((c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) continue;
      c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }];
    }
  }
  try {
    const created = createObject(ctx, pod);
    ctx.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
    return true;
  } catch (err) {
    ctx.record(job, 'Warning', 'FailedCreate', `Error creating: ${err instanceof ApiError ? err.message : String(err)}`, SOURCE);
    return false;
  }
}

function compressIndexes(indexes: number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(',');
}
