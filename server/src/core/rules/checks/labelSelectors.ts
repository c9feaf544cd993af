import type { Resource } from '../../model/resource';
import type { DocumentCheck } from '../check';
import { isBuiltin, valueAt } from '../util/kinds';
import { checkLabelMap, checkLabelSelector } from '../util/labels';
import { walkPattern, type PathPattern } from '../util/patterns';
import { podSpecOf } from '../util/podSpecs';

const AFFINITY_TERMS: PathPattern[] = [
  ['affinity', ['podAffinity', 'podAntiAffinity'], 'requiredDuringSchedulingIgnoredDuringExecution', '*', ['labelSelector', 'namespaceSelector']],
  [
    'affinity',
    ['podAffinity', 'podAntiAffinity'],
    'preferredDuringSchedulingIgnoredDuringExecution',
    '*',
    'podAffinityTerm',
    ['labelSelector', 'namespaceSelector'],
  ],
  ['topologySpreadConstraints', '*', 'labelSelector'],
];

/** Where metav1.LabelSelectors sit in the resource itself (outside its pod spec). */
function selectorPatterns(resource: Resource): PathPattern[] {
  if (isBuiltin(resource, 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'PodDisruptionBudget')) return [['spec', 'selector']];
  if (isBuiltin(resource, 'CronJob')) return [['spec', 'jobTemplate', 'spec', 'selector']];
  if (isBuiltin(resource, 'NetworkPolicy')) {
    return [
      ['spec', 'podSelector'],
      ['spec', 'ingress', '*', 'from', '*', ['podSelector', 'namespaceSelector']],
      ['spec', 'egress', '*', 'to', '*', ['podSelector', 'namespaceSelector']],
    ];
  }
  if (isBuiltin(resource, 'ClusterRole')) return [['aggregationRule', 'clusterRoleSelectors', '*']];
  return [];
}

export const labelSelectorsCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'label-selectors',
  description:
    'Label selectors: matchLabels keys and values, matchExpressions keys, operators (In, NotIn, Exists, DoesNotExist) and their values; Service and ReplicationController selector maps.',
  defaultSeverity: 'error',
  check(ctx) {
    const { resource } = ctx;
    const patterns = selectorPatterns(resource);
    const pod = podSpecOf(resource);
    if (pod) patterns.push(...AFFINITY_TERMS.map((p) => [...pod.path.map(String), ...p]));
    for (const pattern of patterns) {
      walkPattern(resource.object, [], pattern, (value, path) => checkLabelSelector(ctx.report, path, value, ctx.isPatch));
    }
    if (isBuiltin(resource, 'Service', 'ReplicationController'))
      checkLabelMap(ctx.report, ['spec', 'selector'], valueAt(resource.object, ['spec', 'selector']));
  },
};
