import type { JsonPath } from '../../model/locate';
import type { Resource } from '../../model/resource';
import type { DocumentCheck } from '../check';
import { enumValues } from '../util/enumSource';
import { isBuiltin } from '../util/kinds';
import { invalidValue, unsupportedValue } from '../util/messages';
import { walkPattern, type PathPattern } from '../util/patterns';
import { podSpecOf } from '../util/podSpecs';
import { closest } from '../util/suggest';

/** One enum-like field: where it sits (relative to a root) and which definition/property lists its values. */
interface EnumField {
  at: PathPattern;
  definition: string;
  property: string;
  /** The API server's own wording where it does not use "Unsupported value". */
  message?: (path: JsonPath, value: string) => string;
}

const CORE = 'io.k8s.api.core.v1';
const CONTAINERS = ['containers', 'initContainers', 'ephemeralContainers'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE = ['postStart', 'preStop'];
const NODE_SELECTOR_TERMS: PathPattern[] = [
  [
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
    '*',
    ['matchExpressions', 'matchFields'],
    '*',
    'operator',
  ],
  ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', '*', 'preference', ['matchExpressions', 'matchFields'], '*', 'operator'],
];

/** Fields of a pod spec, relative to it. */
const POD_SPEC_FIELDS: EnumField[] = [
  { at: ['restartPolicy'], definition: `${CORE}.PodSpec`, property: 'restartPolicy' },
  { at: ['dnsPolicy'], definition: `${CORE}.PodSpec`, property: 'dnsPolicy' },
  { at: ['preemptionPolicy'], definition: `${CORE}.PodSpec`, property: 'preemptionPolicy' },
  { at: ['os', 'name'], definition: `${CORE}.PodOS`, property: 'name' },
  { at: [CONTAINERS, '*', 'imagePullPolicy'], definition: `${CORE}.Container`, property: 'imagePullPolicy' },
  { at: [CONTAINERS, '*', 'terminationMessagePolicy'], definition: `${CORE}.Container`, property: 'terminationMessagePolicy' },
  { at: [CONTAINERS, '*', 'ports', '*', 'protocol'], definition: `${CORE}.ContainerPort`, property: 'protocol' },
  { at: [CONTAINERS, '*', PROBES, 'httpGet', 'scheme'], definition: `${CORE}.HTTPGetAction`, property: 'scheme' },
  { at: [CONTAINERS, '*', 'lifecycle', LIFECYCLE, 'httpGet', 'scheme'], definition: `${CORE}.HTTPGetAction`, property: 'scheme' },
  { at: [CONTAINERS, '*', 'volumeMounts', '*', 'mountPropagation'], definition: `${CORE}.VolumeMount`, property: 'mountPropagation' },
  { at: [CONTAINERS, '*', 'securityContext', 'procMount'], definition: `${CORE}.SecurityContext`, property: 'procMount' },
  { at: [CONTAINERS, '*', 'securityContext', 'seccompProfile', 'type'], definition: `${CORE}.SeccompProfile`, property: 'type' },
  { at: ['securityContext', 'seccompProfile', 'type'], definition: `${CORE}.SeccompProfile`, property: 'type' },
  { at: ['volumes', '*', 'hostPath', 'type'], definition: `${CORE}.HostPathVolumeSource`, property: 'type' },
  { at: ['tolerations', '*', 'operator'], definition: `${CORE}.Toleration`, property: 'operator' },
  { at: ['tolerations', '*', 'effect'], definition: `${CORE}.Toleration`, property: 'effect' },
  ...NODE_SELECTOR_TERMS.map((at) => ({ at, definition: `${CORE}.NodeSelectorRequirement`, property: 'operator' })),
  { at: ['topologySpreadConstraints', '*', 'whenUnsatisfiable'], definition: `${CORE}.TopologySpreadConstraint`, property: 'whenUnsatisfiable' },
  { at: ['topologySpreadConstraints', '*', 'nodeAffinityPolicy'], definition: `${CORE}.TopologySpreadConstraint`, property: 'nodeAffinityPolicy' },
  { at: ['topologySpreadConstraints', '*', 'nodeTaintsPolicy'], definition: `${CORE}.TopologySpreadConstraint`, property: 'nodeTaintsPolicy' },
];

const CLAIM_SPEC_FIELDS: EnumField[] = [
  { at: ['accessModes', '*'], definition: `${CORE}.PersistentVolumeClaimSpec`, property: 'accessModes' },
  { at: ['volumeMode'], definition: `${CORE}.PersistentVolumeClaimSpec`, property: 'volumeMode' },
];

const JOB_SPEC_FIELDS: EnumField[] = [
  { at: ['completionMode'], definition: 'io.k8s.api.batch.v1.JobSpec', property: 'completionMode' },
  { at: ['podReplacementPolicy'], definition: 'io.k8s.api.batch.v1.JobSpec', property: 'podReplacementPolicy' },
];

function under(prefix: PathPattern, fields: EnumField[]): EnumField[] {
  return fields.map((f) => ({ ...f, at: [...prefix, ...f.at] }));
}

/** Fields of the resource itself (outside its pod spec), relative to the document root. */
function resourceFields(resource: Resource): EnumField[] {
  const svc = `${CORE}.ServiceSpec`;
  if (isBuiltin(resource, 'Service')) {
    return [
      ...['type', 'sessionAffinity', 'externalTrafficPolicy', 'internalTrafficPolicy', 'ipFamilyPolicy'].map((p) => ({
        at: ['spec', p],
        definition: svc,
        property: p,
      })),
      { at: ['spec', 'ipFamilies', '*'], definition: svc, property: 'ipFamilies' },
      { at: ['spec', 'ports', '*', 'protocol'], definition: `${CORE}.ServicePort`, property: 'protocol' },
    ];
  }
  if (isBuiltin(resource, 'PersistentVolumeClaim')) return under(['spec'], CLAIM_SPEC_FIELDS);
  if (isBuiltin(resource, 'PersistentVolume')) {
    const pv = `${CORE}.PersistentVolumeSpec`;
    return [
      { at: ['spec', 'accessModes', '*'], definition: pv, property: 'accessModes' },
      { at: ['spec', 'volumeMode'], definition: pv, property: 'volumeMode' },
      { at: ['spec', 'persistentVolumeReclaimPolicy'], definition: pv, property: 'persistentVolumeReclaimPolicy' },
    ];
  }
  if (isBuiltin(resource, 'StorageClass')) {
    return ['reclaimPolicy', 'volumeBindingMode'].map((p) => ({ at: [p], definition: 'io.k8s.api.storage.v1.StorageClass', property: p }));
  }
  if (isBuiltin(resource, 'Deployment')) return [{ at: ['spec', 'strategy', 'type'], definition: 'io.k8s.api.apps.v1.DeploymentStrategy', property: 'type' }];
  if (isBuiltin(resource, 'StatefulSet')) {
    const retention = 'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy';
    return [
      {
        at: ['spec', 'updateStrategy', 'type'],
        definition: 'io.k8s.api.apps.v1.StatefulSetUpdateStrategy',
        property: 'type',
        message: (_, value) => invalidValue(['spec', 'updateStrategy'], value, "must be 'RollingUpdate' or 'OnDelete'"),
      },
      {
        at: ['spec', 'podManagementPolicy'],
        definition: 'io.k8s.api.apps.v1.StatefulSetSpec',
        property: 'podManagementPolicy',
        message: (path, value) => invalidValue(path, value, "must be 'OrderedReady' or 'Parallel'"),
      },
      { at: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted'], definition: retention, property: 'whenDeleted' },
      { at: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], definition: retention, property: 'whenScaled' },
      ...under(['spec', 'volumeClaimTemplates', '*', 'spec'], CLAIM_SPEC_FIELDS),
    ];
  }
  if (isBuiltin(resource, 'DaemonSet'))
    return [{ at: ['spec', 'updateStrategy', 'type'], definition: 'io.k8s.api.apps.v1.DaemonSetUpdateStrategy', property: 'type' }];
  if (isBuiltin(resource, 'Job')) return under(['spec'], JOB_SPEC_FIELDS);
  if (isBuiltin(resource, 'CronJob')) {
    return [
      { at: ['spec', 'concurrencyPolicy'], definition: 'io.k8s.api.batch.v1.CronJobSpec', property: 'concurrencyPolicy' },
      ...under(['spec', 'jobTemplate', 'spec'], JOB_SPEC_FIELDS),
    ];
  }
  if (isBuiltin(resource, 'Ingress') && resource.group === 'networking.k8s.io') {
    return [{ at: ['spec', 'rules', '*', 'http', 'paths', '*', 'pathType'], definition: 'io.k8s.api.networking.v1.HTTPIngressPath', property: 'pathType' }];
  }
  if (isBuiltin(resource, 'NetworkPolicy')) {
    return [
      { at: ['spec', 'policyTypes', '*'], definition: 'io.k8s.api.networking.v1.NetworkPolicySpec', property: 'policyTypes' },
      { at: ['spec', ['ingress', 'egress'], '*', 'ports', '*', 'protocol'], definition: 'io.k8s.api.networking.v1.NetworkPolicyPort', property: 'protocol' },
    ];
  }
  if (isBuiltin(resource, 'PodDisruptionBudget')) {
    return [{ at: ['spec', 'unhealthyPodEvictionPolicy'], definition: 'io.k8s.api.policy.v1.PodDisruptionBudgetSpec', property: 'unhealthyPodEvictionPolicy' }];
  }
  return [];
}

export const enumFieldsCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'enum-values',
  description:
    'Values of enum-like fields (imagePullPolicy, restartPolicy, Service type, protocol, pathType, accessModes, strategy types, …) that the API server does not support.',
  defaultSeverity: 'error',
  check(ctx) {
    const { resource } = ctx;
    const fields = resourceFields(resource);
    const pod = podSpecOf(resource);
    if (pod) fields.push(...under(pod.path.map(String), POD_SPEC_FIELDS));
    for (const field of fields) {
      const allowed = enumValues(field.definition, field.property, ctx.kubernetesVersion);
      if (!allowed) continue;
      walkPattern(resource.object, [], field.at, (value, path) => {
        // Empty strings are defaulted by the API server; non-strings are the schema's business.
        if (typeof value !== 'string' || value === '' || allowed.includes(value)) return;
        const supported = allowed.filter((v) => v !== '');
        const message = field.message ? field.message(path, value) : unsupportedValue(path, value, supported);
        ctx.report({ path, message, suggestion: closest(value, supported) });
      });
    }
  },
};
