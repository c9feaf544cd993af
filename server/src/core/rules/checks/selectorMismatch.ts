import type { JsonPath } from '../../model/locate';
import { isRecord, type Resource } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, valueAt } from '../util/kinds';
import { hasValidOperators } from '../util/labels';
import { invalidValue } from '../util/messages';
import { isEmptySelector, labelMap, readLabelSelector, selectorMiss } from '../util/selectors';

interface SelectorSite {
  /** JSON path of the workload spec holding `selector` and `template`. */
  spec: JsonPath;
  /** The word in "empty selector is invalid for <owner>"; undefined when an empty selector is allowed. */
  emptyOwner?: string;
}

function selectorSite(resource: Resource): SelectorSite | undefined {
  // ReplicaSet shares the Deployment wording in the API server.
  if (isBuiltin(resource, 'Deployment', 'ReplicaSet')) return { spec: ['spec'], emptyOwner: 'deployment' };
  if (isBuiltin(resource, 'StatefulSet')) return { spec: ['spec'], emptyOwner: 'statefulset' };
  if (isBuiltin(resource, 'DaemonSet')) return { spec: ['spec'], emptyOwner: 'daemonset' };
  if (isBuiltin(resource, 'Job')) return valueAt(resource.object, ['spec', 'manualSelector']) === true ? { spec: ['spec'] } : undefined;
  if (isBuiltin(resource, 'CronJob')) {
    return valueAt(resource.object, ['spec', 'jobTemplate', 'spec', 'manualSelector']) === true ? { spec: ['spec', 'jobTemplate', 'spec'] } : undefined;
  }
  return undefined;
}

function checkLabelSelectorSite(ctx: CheckContext, site: SelectorSite): void {
  const obj = ctx.resource.object;
  const selectorPath = [...site.spec, 'selector'];
  const raw = valueAt(obj, selectorPath);
  const selector = readLabelSelector(raw);
  if (!selector || !hasValidOperators(raw)) return;
  if (isEmptySelector(selector)) {
    if (site.emptyOwner) ctx.report({ path: selectorPath, message: invalidValue(selectorPath, raw, `empty selector is invalid for ${site.emptyOwner}`) });
    return;
  }
  const labels = labelMap(valueAt(obj, [...site.spec, 'template', 'metadata', 'labels']));
  const miss = selectorMiss(selector, labels);
  if (miss)
    ctx.report({
      path: selectorPath,
      message: invalidValue(selectorPath, raw, `selector does not match template labels (${miss.reason})`),
      data: { key: miss.key },
    });
}

/** ReplicationController: a plain map selector, defaulted from the template labels when absent. */
function checkReplicationController(ctx: CheckContext): void {
  const raw = valueAt(ctx.resource.object, ['spec', 'selector']);
  if (!isRecord(raw) || Object.keys(raw).length === 0) return;
  const miss = selectorMiss({ matchLabels: raw }, labelMap(valueAt(ctx.resource.object, ['spec', 'template', 'metadata', 'labels'])));
  if (miss)
    ctx.report({
      path: ['spec', 'selector'],
      message: invalidValue(['spec', 'selector'], raw, `selector does not match template labels (${miss.reason})`),
      data: { key: miss.key },
    });
}

export const selectorMismatchCheck: DocumentCheck = {
  id: 'selector-mismatch',
  name: 'selector-mismatch',
  description: 'A controller whose selector does not select its own pod template (or is empty): the API server rejects it.',
  defaultSeverity: 'error',
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'],
  check(ctx) {
    // A Kustomize patch carries only part of the selector or of the labels.
    if (ctx.isPatch) return;
    if (isBuiltin(ctx.resource, 'ReplicationController')) {
      checkReplicationController(ctx);
      return;
    }
    const site = selectorSite(ctx.resource);
    if (site) checkLabelSelectorSite(ctx, site);
  },
};
