import type { CheckContext, DocumentCheck } from '../check';
import { checkAtMost100Percent, checkIntOrPercent } from '../util/intOrPercent';
import { isBuiltin, isSet, recordAt } from '../util/kinds';
import { invalidValue } from '../util/messages';

function checkAutoscaler(ctx: CheckContext, spec: Record<string, unknown>): void {
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  // minReplicas 0 needs the HPAScaleToZero feature gate, which is off by default.
  if (typeof min === 'number' && min < 1)
    ctx.report({ path: ['spec', 'minReplicas'], message: invalidValue(['spec', 'minReplicas'], min, 'must be greater than or equal to 1') });
  if (typeof max === 'number' && max < 1)
    ctx.report({ path: ['spec', 'maxReplicas'], message: invalidValue(['spec', 'maxReplicas'], max, 'must be greater than 0') });
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    ctx.report({ path: ['spec', 'maxReplicas'], message: invalidValue(['spec', 'maxReplicas'], max, 'must be greater than or equal to `minReplicas`') });
  }
}

function checkDisruptionBudget(ctx: CheckContext, spec: Record<string, unknown>): void {
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    ctx.report({ path: ['spec'], target: 'key', message: invalidValue(['spec'], spec, 'minAvailable and maxUnavailable cannot be both set') });
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    checkIntOrPercent(ctx.report, ['spec', field], spec[field]);
    checkAtMost100Percent(ctx.report, ['spec', field], spec[field]);
  }
}

export const scalingCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'scaling-spec',
  description: 'HorizontalPodAutoscaler replica bounds (1 ≤ minReplicas ≤ maxReplicas) and PodDisruptionBudget minAvailable/maxUnavailable.',
  defaultSeverity: 'error',
  kinds: ['HorizontalPodAutoscaler', 'PodDisruptionBudget'],
  check(ctx) {
    const { resource } = ctx;
    const spec = recordAt(resource.object, ['spec']);
    if (!spec) return;
    if (isBuiltin(resource, 'HorizontalPodAutoscaler')) checkAutoscaler(ctx, spec);
    else if (isBuiltin(resource, 'PodDisruptionBudget')) checkDisruptionBudget(ctx, spec);
  },
};
