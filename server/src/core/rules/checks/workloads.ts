import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, isSet, recordAt } from '../util/kinds';
import { checkAtMost100Percent, checkIntOrPercent, checkNonNegative, intOrPercentValue } from '../util/intOrPercent';
import { forbidden, invalidValue } from '../util/messages';

/** The API server's default for maxSurge and maxUnavailable when a rolling update leaves them out. */
const DEFAULT_ROLLING_VALUE = '25%';
const DEFAULT_PROGRESS_DEADLINE = 600;

function checkDeploymentStrategy(ctx: CheckContext, spec: Record<string, unknown>): void {
  const strategy = recordAt(spec, ['strategy']);
  const type = strategy?.type ?? 'RollingUpdate';
  const rolling = strategy?.rollingUpdate;
  if (type === 'Recreate') {
    if (isSet(rolling))
      ctx.report({
        path: ['spec', 'strategy', 'rollingUpdate'],
        target: 'key',
        message: forbidden(['spec', 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'"),
      });
    return;
  }
  if (type !== 'RollingUpdate') return;
  const update = recordAt(spec, ['strategy', 'rollingUpdate']) ?? {};
  const base = ['spec', 'strategy', 'rollingUpdate'];
  checkIntOrPercent(ctx.report, [...base, 'maxUnavailable'], update.maxUnavailable);
  checkIntOrPercent(ctx.report, [...base, 'maxSurge'], update.maxSurge);
  // In a Kustomize patch an absent value may come from the base, so only judge values written here.
  const bothWritten = isSet(update.maxUnavailable) && isSet(update.maxSurge);
  if (!ctx.isPatch || bothWritten) {
    const unavailable = isSet(update.maxUnavailable) ? update.maxUnavailable : DEFAULT_ROLLING_VALUE;
    const surge = isSet(update.maxSurge) ? update.maxSurge : DEFAULT_ROLLING_VALUE;
    if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) {
      const written = isSet(update.maxUnavailable);
      ctx.report({
        path: written ? [...base, 'maxUnavailable'] : base,
        target: written ? 'value' : 'key',
        message: invalidValue([...base, 'maxUnavailable'], unavailable, 'may not be 0 when `maxSurge` is 0'),
      });
    }
  }
  checkAtMost100Percent(ctx.report, [...base, 'maxUnavailable'], update.maxUnavailable);
}

function checkDeployment(ctx: CheckContext, spec: Record<string, unknown>): void {
  checkDeploymentStrategy(ctx, spec);
  for (const field of ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) checkNonNegative(ctx.report, ['spec', field], spec[field]);
  const deadline = spec.progressDeadlineSeconds;
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const effectiveDeadline = typeof deadline === 'number' ? deadline : DEFAULT_PROGRESS_DEADLINE;
  if (typeof deadline === 'number' || (typeof spec.minReadySeconds === 'number' && !ctx.isPatch)) {
    if (effectiveDeadline <= minReady) {
      const at = typeof deadline === 'number' ? ['spec', 'progressDeadlineSeconds'] : ['spec', 'minReadySeconds'];
      ctx.report({ path: at, message: invalidValue(['spec', 'progressDeadlineSeconds'], effectiveDeadline, 'must be greater than minReadySeconds') });
    }
  }
}

function checkStatefulSet(ctx: CheckContext, spec: Record<string, unknown>): void {
  checkNonNegative(ctx.report, ['spec', 'minReadySeconds'], spec.minReadySeconds);
  const strategy = recordAt(spec, ['updateStrategy']);
  if (!strategy) return;
  const base = ['spec', 'updateStrategy', 'rollingUpdate'];
  if (strategy.type === 'OnDelete' && isSet(strategy.rollingUpdate)) {
    ctx.report({ path: base, target: 'key', message: invalidValue(base, strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'") });
  }
  const rolling = recordAt(strategy, ['rollingUpdate']);
  if (rolling) checkNonNegative(ctx.report, [...base, 'partition'], rolling.partition);
}

export const workloadsCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'workload-spec',
  description: 'Deployment, ReplicaSet, StatefulSet, DaemonSet and ReplicationController fields: replica counts, rolling-update settings, progress deadlines.',
  defaultSeverity: 'error',
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'],
  check(ctx) {
    const { resource } = ctx;
    if (!isBuiltin(resource, 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController')) return;
    const spec = recordAt(resource.object, ['spec']);
    if (!spec) return;
    checkNonNegative(ctx.report, ['spec', 'replicas'], spec.replicas);
    if (isBuiltin(resource, 'Deployment')) checkDeployment(ctx, spec);
    if (isBuiltin(resource, 'StatefulSet')) checkStatefulSet(ctx, spec);
  },
};
