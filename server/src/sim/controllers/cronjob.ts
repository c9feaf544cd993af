import type { Controller, SimContext } from '../context';
import { isRecord } from '../util/record';
import { ApiError, createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject } from '../types';
import { clone } from '../util/clone';
import { controllerRef, ownerRefTo, splitKey } from '../util/pods';
import { parseTime } from '../util/time';
import { rfc3339InZone, timeZoneError } from '../util/timeZone';
import { nextTime, parseSchedule, splitScheduleZone } from './cron';
import type { Job } from './job';

const SOURCE = 'cronjob-controller';

type CronJob = KObject & {
  spec: { schedule: string; timeZone?: string; concurrencyPolicy?: string; suspend?: boolean; startingDeadlineSeconds?: number; successfulJobsHistoryLimit?: number; failedJobsHistoryLimit?: number; jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Job['spec'] } };
  status?: { active?: { kind: string; name: string; namespace?: string; uid: string; apiVersion: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
};

function jobState(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** The CronJob controller: creates `<name>-<minutes since epoch>` Jobs on the virtual clock and trims history. */
export function cronJobController(ctx: SimContext): Controller {
  const name = 'cronjob';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'CronJob') ctx.enqueue(name, `${obj.metadata.namespace}/${obj.metadata.name}`);
      else if (obj.kind === 'Job') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'CronJob') ctx.enqueue(name, `${obj.metadata.namespace}/${ref.name}`);
      }
    },
    reconcile(key: string) {
      const [ns, cjName] = splitKey(key);
      const cj = ctx.store.get<CronJob>('CronJob', ns, cjName);
      if (cj && !cj.metadata.deletionTimestamp && isRecord(cj.spec)) sync(ctx, cj, key);
    },
    timers: { 'cronjob.tick': (key) => ctx.enqueue(name, key) },
  };
}

function sync(ctx: SimContext, cj: CronJob, key: string): void {
  const jobs = ctx.store.dependents(cj.metadata.uid).filter((o): o is Job => o.kind === 'Job' && controllerRef(o)?.uid === cj.metadata.uid);
  let active = (cj.status?.active ?? []).filter((ref) => jobs.some((j) => j.metadata.uid === ref.uid && !jobState(j)));
  let lastSuccessfulTime = cj.status?.lastSuccessfulTime;
  for (const job of jobs) {
    const state = jobState(job);
    const wasActive = (cj.status?.active ?? []).some((r) => r.uid === job.metadata.uid);
    if (state && wasActive) {
      ctx.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${state}`, SOURCE);
      if (state === 'Complete') lastSuccessfulTime = job.status?.completionTime ?? ctx.nowIso();
    }
    if (!state && !active.some((r) => r.uid === job.metadata.uid)) active.push(refTo(job));
  }
  trimHistory(ctx, cj, jobs);
  // upstream: pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob (time zone check, formatSchedule)
  if (typeof cj.spec.timeZone === 'string') {
    const error = timeZoneError(cj.spec.timeZone);
    if (error) {
      ctx.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: ${error}`, SOURCE);
      return;
    }
  }
  const inline = splitScheduleZone(cj.spec.schedule);
  if (inline.zone !== undefined && cj.spec.timeZone === undefined) {
    ctx.record(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(cj.spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`, SOURCE);
  }
  const zone = cj.spec.timeZone ?? inline.zone;
  let schedule;
  try {
    if (zone !== undefined && timeZoneError(zone)) throw new Error(`provided bad location ${zone}: ${timeZoneError(zone)}`);
    schedule = parseSchedule(inline.schedule);
  } catch (err) {
    ctx.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec.schedule}" : ${(err as Error).message}`, SOURCE);
    return;
  }
  const now = ctx.now();
  const from = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  let due: number | undefined;
  for (let t = nextTime(schedule, from, zone), n = 0; t <= now && n < 1000; t = nextTime(schedule, t, zone), n++) due = t;
  let lastScheduleTime = cj.status?.lastScheduleTime;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (due !== undefined && !cj.spec.suspend && !(deadline !== undefined && now - due > deadline * 1000)) {
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      ctx.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', SOURCE);
    } else {
      if (policy === 'Replace') {
        for (const ref of active) {
          const job = jobs.find((j) => j.metadata.uid === ref.uid);
          if (job) {
            deleteObject(ctx, job, { propagationPolicy: 'Background' });
            ctx.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, SOURCE);
          }
        }
        active = [];
      }
      const job = createJob(ctx, cj, due, zone);
      if (job) active.push(refTo(job));
      lastScheduleTime = new Date(due).toISOString().replace('.000Z', 'Z');
    }
  }
  const next = nextTime(schedule, Math.max(now, due ?? 0), zone);
  if (next !== Infinity) ctx.after(next - now, 'cronjob.tick', key, undefined, true);
  const current = ctx.store.get<CronJob>('CronJob', cj.metadata.namespace, cj.metadata.name);
  if (current) {
    ctx.store.mutate(current, (c) => {
      const status: NonNullable<CronJob['status']> = {};
      if (active.length > 0) status.active = active;
      if (lastScheduleTime) status.lastScheduleTime = lastScheduleTime;
      if (lastSuccessfulTime) status.lastSuccessfulTime = lastSuccessfulTime;
      c.status = status;
    });
  }
}

function refTo(job: Job): { kind: string; name: string; namespace?: string; uid: string; apiVersion: string } {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, uid: job.metadata.uid };
}

function createJob(ctx: SimContext, cj: CronJob, scheduled: number, zone: string | undefined): Job | undefined {
  const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
  if (ctx.store.get('Job', cj.metadata.namespace, name)) return undefined;
  const template = clone(cj.spec.jobTemplate);
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: template.metadata?.labels,
      annotations: { ...(template.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339InZone(zone ?? '', scheduled) },
      ownerReferences: [ownerRefTo(cj)],
    },
    spec: template.spec,
  };
  if (!job.metadata.labels) delete job.metadata.labels;
  try {
    const created = createObject(ctx, job);
    ctx.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`, SOURCE);
    return created;
  } catch (err) {
    ctx.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${err instanceof ApiError ? err.message : String(err)}`, SOURCE);
    return undefined;
  }
}

function trimHistory(ctx: SimContext, cj: CronJob, jobs: Job[]): void {
  for (const [state, limit] of [
    ['Complete', cj.spec.successfulJobsHistoryLimit ?? 3],
    ['Failed', cj.spec.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const done = jobs
      .filter((j) => jobState(j) === state && !j.metadata.deletionTimestamp)
      .sort((a, b) => (parseTime(a.status?.startTime) ?? 0) - (parseTime(b.status?.startTime) ?? 0));
    for (const job of done.slice(0, Math.max(0, done.length - limit))) {
      deleteObject(ctx, job, { propagationPolicy: 'Background' });
      ctx.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, SOURCE);
    }
  }
}
