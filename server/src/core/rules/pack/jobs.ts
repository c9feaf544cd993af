import { recordAt } from '../util/kinds';
import { packCheck } from './packCheck';

export const jobTtlSecondsAfterFinished = packCheck({
  id: 'job-ttl-seconds-after-finished',
  title: 'Finished Jobs are never cleaned up (or a CronJob sets a TTL)',
  preset: 'best-practices',
  description: 'A standalone Job without ttlSecondsAfterFinished stays with its pods forever; CronJobs clean up by history limits instead.',
  kinds: ['Job', 'CronJob'],
  check(ctx) {
    const { object } = ctx.resource;
    if (ctx.resource.kind === 'Job') {
      const spec = recordAt(object, ['spec']);
      if (!spec || spec.ttlSecondsAfterFinished !== undefined) return;
      ctx.report({ path: ['spec'], target: 'key', message: 'The Job has no ttlSecondsAfterFinished: it and its pods stay after it finishes.' });
      return;
    }
    if (recordAt(object, ['spec', 'jobTemplate', 'spec'])?.ttlSecondsAfterFinished !== undefined) {
      ctx.report({
        path: ['spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished'],
        target: 'key',
        message:
          'Jobs of a CronJob are cleaned up by successfulJobsHistoryLimit and failedJobsHistoryLimit; ttlSecondsAfterFinished removes them behind the CronJob.',
      });
    }
  },
});
