import type { Container, KObject, PodSpec, PodTemplate, Probe } from '../types';
import { isRecord } from '../util/record';

/**
 * API-server defaulting (SetDefaults_* in k8s.io/api and pkg/apis/.../defaults.go) for the kinds the
 * simulator runs. Mutates the object it is given.
 */
export function applyDefaults(obj: KObject): void {
  const spec = isRecord(obj.spec) ? (obj.spec as Record<string, unknown>) : undefined;
  switch (obj.kind) {
    case 'Pod':
      if (spec) defaultPodSpec(spec as unknown as PodSpec);
      break;
    case 'Deployment':
      if (spec) defaultDeployment(spec);
      break;
    case 'ReplicaSet':
      if (spec) {
        spec.replicas ??= 1;
        defaultTemplate(spec.template);
      }
      break;
    case 'StatefulSet':
      if (spec) defaultStatefulSet(spec);
      break;
    case 'DaemonSet':
      if (spec) {
        spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
        spec.revisionHistoryLimit ??= 10;
        defaultTemplate(spec.template);
      }
      break;
    case 'Job':
      if (spec) defaultJobSpec(spec);
      break;
    case 'CronJob':
      if (spec) {
        spec.concurrencyPolicy ??= 'Allow';
        spec.suspend ??= false;
        spec.successfulJobsHistoryLimit ??= 3;
        spec.failedJobsHistoryLimit ??= 1;
        const jobTemplate = spec.jobTemplate;
        if (isRecord(jobTemplate) && isRecord(jobTemplate.spec)) defaultJobSpec(jobTemplate.spec);
      }
      break;
    case 'Service':
      if (spec) defaultService(spec);
      break;
    case 'PersistentVolumeClaim':
      if (spec) spec.volumeMode ??= 'Filesystem';
      break;
    case 'PersistentVolume':
      if (spec) {
        spec.persistentVolumeReclaimPolicy ??= 'Retain';
        spec.volumeMode ??= 'Filesystem';
      }
      break;
    case 'StorageClass': {
      const sc = obj as Record<string, unknown>;
      sc.reclaimPolicy ??= 'Delete';
      sc.volumeBindingMode ??= 'Immediate';
      break;
    }
    case 'HorizontalPodAutoscaler':
      if (spec) {
        spec.minReplicas ??= 1;
        if (obj.apiVersion === 'autoscaling/v2' && spec.metrics === undefined) {
          spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
        }
      }
      break;
    case 'Namespace':
      obj.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      break;
  }
  if (obj.metadata.labels === undefined) delete obj.metadata.labels;
}

function defaultDeployment(spec: Record<string, unknown>): void {
  spec.replicas ??= 1;
  const strategy = (isRecord(spec.strategy) ? spec.strategy : (spec.strategy = {})) as Record<string, unknown>;
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {})) as Record<string, unknown>;
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec.template);
}

function defaultStatefulSet(spec: Record<string, unknown>): void {
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  const strategy = (isRecord(spec.updateStrategy) ? spec.updateStrategy : (spec.updateStrategy = {})) as Record<string, unknown>;
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {})) as Record<string, unknown>;
    ru.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (isRecord(claim) && isRecord(claim.spec)) claim.spec.volumeMode ??= 'Filesystem';
  }
  defaultTemplate(spec.template);
}

export function defaultJobSpec(spec: Record<string, unknown>): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  defaultTemplate(spec.template);
}

function defaultService(spec: Record<string, unknown>): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isRecord(port)) continue;
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
}

function defaultTemplate(template: unknown): void {
  if (isRecord(template) && isRecord(template.spec)) defaultPodSpec((template as unknown as PodTemplate).spec);
}

export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(c);
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) defaultContainer(c);
}

function defaultContainer(c: Container): void {
  if (!isRecord(c)) return;
  if (typeof c.image === 'string') c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (isRecord(p)) p.protocol ??= 'TCP';
  for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) if (isRecord(probe)) defaultProbe(probe);
}

function defaultProbe(probe: Probe): void {
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (isRecord(probe.httpGet)) {
    probe.httpGet.path ??= '/';
    probe.httpGet.scheme ??= 'HTTP';
  }
}

/** `Always` for `:latest` or untagged images, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagSep = image.indexOf(':', lastSlash + 1);
  if (tagSep < 0) return 'Always';
  return image.slice(tagSep + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}
