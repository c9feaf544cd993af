import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { cronScheduleError, scheduleMentionsTimeZone, timeZoneError } from '../util/cron';
import { checkNonNegative } from '../util/intOrPercent';
import { isBuiltin, isSet, recordAt } from '../util/kinds';
import { invalidValue, requiredValue } from '../util/messages';
import { isEmptySelector, readLabelSelector } from '../util/selectors';

const JOB_COUNTERS = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'];

function checkJobSpec(ctx: CheckContext, base: JsonPath, spec: Record<string, unknown>): void {
  for (const field of JOB_COUNTERS) checkNonNegative(ctx.report, [...base, field], spec[field]);
  if (spec.completionMode === 'Indexed' && !isSet(spec.completions) && !ctx.isPatch) {
    ctx.report({ path: [...base, 'completionMode'], message: requiredValue([...base, 'completions'], 'when completion mode is Indexed') });
  }
  const selectorPath = [...base, 'selector'];
  if (spec.manualSelector === true) {
    if (!isSet(spec.selector) && !ctx.isPatch) ctx.report({ path: [...base, 'manualSelector'], message: requiredValue(selectorPath) });
    return;
  }
  // Without manualSelector the API server generates the selector itself and rejects one written by hand.
  const selector = readLabelSelector(spec.selector);
  if (selector && !isEmptySelector(selector) && !ctx.isPatch) {
    ctx.report({ path: selectorPath, target: 'key', message: invalidValue(selectorPath, spec.selector, '`selector` not auto-generated') });
  }
}

function checkCronJob(ctx: CheckContext, spec: Record<string, unknown>): void {
  const schedule = spec.schedule;
  if (typeof schedule === 'string') {
    const error = cronScheduleError(schedule);
    if (error) ctx.report({ path: ['spec', 'schedule'], message: invalidValue(['spec', 'schedule'], schedule, error) });
    if (scheduleMentionsTimeZone(schedule)) {
      ctx.report({
        path: ['spec', 'schedule'],
        message: invalidValue(['spec', 'schedule'], schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'),
      });
    }
  }
  if (typeof spec.timeZone === 'string') {
    const error = timeZoneError(spec.timeZone);
    if (error) ctx.report({ path: ['spec', 'timeZone'], message: invalidValue(['spec', 'timeZone'], spec.timeZone, error) });
  }
  for (const field of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
    checkNonNegative(ctx.report, ['spec', field], spec[field]);
  const jobSpec = recordAt(spec, ['jobTemplate', 'spec']);
  if (jobSpec) checkJobSpec(ctx, ['spec', 'jobTemplate', 'spec'], jobSpec);
}

export const jobsCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'job-spec',
  description: 'Job and CronJob fields: counters, Indexed completions, hand-written selectors, cron schedule syntax and time zones.',
  defaultSeverity: 'error',
  kinds: ['Job', 'CronJob'],
  check(ctx) {
    const { resource } = ctx;
    const spec = recordAt(resource.object, ['spec']);
    if (!spec || !isRecord(spec)) return;
    if (isBuiltin(resource, 'Job')) checkJobSpec(ctx, ['spec'], spec);
    else if (isBuiltin(resource, 'CronJob')) checkCronJob(ctx, spec);
  },
};
