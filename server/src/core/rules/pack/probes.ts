import type { CheckContext } from '../check';
import { containerName, forEachContainer, packCheck, POD_KINDS } from './packCheck';

function checkProbe(ctx: CheckContext, probe: 'livenessProbe' | 'readinessProbe', what: string): void {
  if (ctx.resource.kind === 'Job' || ctx.resource.kind === 'CronJob') return;
  forEachContainer(ctx, 'regular', (c) => {
    if (c.container[probe] !== undefined && c.container[probe] !== null) return;
    ctx.report({ path: [...c.path, 'name'], message: `Container '${containerName(c)}' has no ${probe}: ${what}` });
  });
}

export const noLivenessProbe = packCheck({
  id: 'no-liveness-probe',
  title: 'Container has no liveness probe',
  preset: 'best-practices',
  description: 'Without a liveness probe a hung process is never restarted.',
  kinds: POD_KINDS,
  check: (ctx) => checkProbe(ctx, 'livenessProbe', 'a hung process is never restarted.'),
});

export const noReadinessProbe = packCheck({
  id: 'no-readiness-probe',
  title: 'Container has no readiness probe',
  preset: 'best-practices',
  description: 'Without a readiness probe Services send traffic to pods that are not ready yet.',
  kinds: POD_KINDS,
  check: (ctx) => checkProbe(ctx, 'readinessProbe', 'Services send it traffic before it is ready.'),
});
