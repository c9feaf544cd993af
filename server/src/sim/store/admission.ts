import type { SimContext } from '../context';
import type { KObject, Pod, Toleration } from '../types';
import { asArray, isRecord } from '../util/record';
import { enforcePodSecurity } from './podSecurity';
import { fieldError, invalidMessage } from './validation';

/** Admission plugins and allocators that run when an object is created (or updated). */
export function admit(ctx: SimContext, obj: KObject, old?: KObject): string | undefined {
  const ns = obj.metadata.namespace;
  if (ns !== undefined && obj.kind !== 'Namespace') {
    const namespace = ctx.store.get('Namespace', undefined, ns);
    if (!namespace) return `namespaces "${ns}" not found`;
    if (!old && namespace.metadata.deletionTimestamp)
      return `${obj.kind.toLowerCase()}s "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`;
  }
  switch (obj.kind) {
    case 'Pod':
      if (old) return undefined;
      admitPod(obj as Pod);
      return enforcePodSecurity(ctx, obj);
    case 'Service':
      return allocateServiceAddresses(ctx, obj, old);
    case 'PersistentVolumeClaim':
      if (!old) {
        defaultStorageClass(ctx, obj);
        obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection'])];
        obj.status = { phase: 'Pending' };
      }
      return undefined;
    case 'PersistentVolume':
      if (!old) {
        obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), 'kubernetes.io/pv-protection'])];
        obj.status = { phase: 'Pending' };
      }
      return undefined;
    case 'Ingress':
      if (!old) return defaultIngressClass(ctx, obj);
      return undefined;
    case 'Job':
      if (!old) labelJob(obj);
      return undefined;
  }
  return undefined;
}

/** DefaultTolerationSeconds and ServiceAccount admission. */
function admitPod(pod: Pod): void {
  const spec = pod.spec;
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.priority ??= 0;
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const tolerations: Toleration[] = spec.tolerations ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

const CLUSTER_IP_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12
const CLUSTER_IP_SIZE = 1 << 20;
const NODE_PORT_BASE = 30000;
const NODE_PORT_SIZE = 2768;

export function ipString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function allocateServiceAddresses(ctx: SimContext, svc: KObject, old?: KObject): string | undefined {
  const spec = svc.spec as Record<string, unknown>;
  const oldSpec = (old?.spec ?? {}) as Record<string, unknown>;
  if (spec.type === 'ExternalName') return undefined;
  const others = ctx.store
    .list('Service')
    .filter((s) => s.metadata.uid !== svc.metadata.uid && !(s.metadata.namespace === svc.metadata.namespace && s.metadata.name === svc.metadata.name));
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    if (typeof oldSpec.clusterIP === 'string') spec.clusterIP = oldSpec.clusterIP;
    else {
      const used = new Set(others.map((s) => (s.spec as Record<string, unknown>).clusterIP));
      // Dynamic allocations come from the upper band of the range (KEP-3070).
      const staticBand = Math.min(Math.max(16, CLUSTER_IP_SIZE / 16), 256);
      let ip = '';
      for (let i = 0; i < 1000 && (!ip || used.has(ip)); i++) ip = ipString(CLUSTER_IP_BASE + staticBand + ctx.rng.int(CLUSTER_IP_SIZE - staticBand - 1));
      spec.clusterIP = ip;
    }
  } else if (spec.clusterIP !== 'None' && oldSpec.clusterIP === undefined) {
    const clash = others.find((s) => (s.spec as Record<string, unknown>).clusterIP === spec.clusterIP);
    if (clash) return invalidMessage(svc, [fieldError('spec.clusterIP', 'Invalid', spec.clusterIP, 'provided IP is already allocated')]);
  }
  spec.clusterIPs = spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return undefined;
  const usedPorts = new Set<number>();
  for (const s of others)
    for (const p of asArray<Record<string, unknown>>((s.spec as Record<string, unknown>).ports)) if (typeof p.nodePort === 'number') usedPorts.add(p.nodePort);
  const oldPorts = asArray<Record<string, unknown>>(oldSpec.ports);
  const errors: string[] = [];
  asArray<Record<string, unknown>>(spec.ports).forEach((port, i) => {
    if (!isRecord(port)) return;
    if (port.nodePort === undefined) {
      const previous = oldPorts.find((p) => p.port === port.port && p.protocol === port.protocol);
      if (typeof previous?.nodePort === 'number') port.nodePort = previous.nodePort;
    }
    if (typeof port.nodePort === 'number') {
      const wasOurs = oldPorts.some((p) => p.nodePort === port.nodePort);
      if (usedPorts.has(port.nodePort) && !wasOurs)
        errors.push(fieldError(`spec.ports[${i}].nodePort`, 'Invalid', port.nodePort, 'provided port is already allocated'));
      usedPorts.add(port.nodePort);
      return;
    }
    let candidate = 0;
    for (let n = 0; n < 10000; n++) {
      candidate = NODE_PORT_BASE + ctx.rng.int(NODE_PORT_SIZE);
      if (!usedPorts.has(candidate)) break;
    }
    port.nodePort = candidate;
    usedPorts.add(candidate);
  });
  return errors.length > 0 ? invalidMessage(svc, errors) : undefined;
}

/** DefaultStorageClass admission: a claim without storageClassName gets the default class. */
function defaultStorageClass(ctx: SimContext, pvc: KObject): void {
  const spec = pvc.spec as Record<string, unknown>;
  if (spec.storageClassName !== undefined) return;
  const defaults = ctx.store.list('StorageClass').filter((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  if (defaults.length > 0) spec.storageClassName = defaults[defaults.length - 1].metadata.name;
}

function defaultIngressClass(ctx: SimContext, ing: KObject): string | undefined {
  if (!isRecord(ing.spec)) return undefined;
  const spec = ing.spec;
  if (spec.ingressClassName !== undefined || ing.metadata.annotations?.['kubernetes.io/ingress.class']) return undefined;
  const defaults = ctx.store.list('IngressClass').filter((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  if (defaults.length > 1) return `Internal error occurred: ${defaults.length} default IngressClasses were found, only 1 allowed`;
  if (defaults.length === 1) spec.ingressClassName = defaults[0].metadata.name;
  return undefined;
}

/** The Job's generated selector and pod labels (manualSelector unset). */
function labelJob(job: KObject): void {
  const spec = job.spec as Record<string, unknown>;
  if (spec.manualSelector === true) return;
  const uid = job.metadata.uid;
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': uid,
    'job-name': job.metadata.name,
  };
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  const template = spec.template as Record<string, unknown>;
  const metadata = (isRecord(template.metadata) ? template.metadata : (template.metadata = {})) as Record<string, unknown>;
  metadata.labels = { ...((metadata.labels as Record<string, string>) ?? {}), ...labels };
}
