import type { SimContext } from './context';
import { readyConditions } from './controllers/nodeLifecycle';
import type { NodeOptions } from './simulation';
import { createObject } from './store/api';
import type { KObject } from './types';
import { bytes, formatBytes, milliCpu } from './util/quantity';

export function defaultNodes(count: number): NodeOptions[] {
  return Array.from({ length: count }, (_, i) => ({ name: `node-${i + 1}` }));
}

function meta(name: string, extra: Partial<KObject['metadata']> = {}): KObject['metadata'] {
  return { name, uid: '', resourceVersion: '', creationTimestamp: '', ...extra };
}

/** The objects a fresh cluster has: namespaces, nodes, the default StorageClass and the kubernetes Service. */
export function bootstrap(ctx: SimContext, nodes: NodeOptions[]): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) createObject(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns) });
  nodes.forEach((n, i) => createObject(ctx, nodeObject(n, i + 1, ctx.nowIso(), ctx.version.kubelet)));
  createObject(ctx, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    provisioner: 'shipshape.dev/hostpath',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  createObject(ctx, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kubernetes', { namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }),
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
  });
  // The API server keeps the `kubernetes` Service's Endpoints and EndpointSlice itself (it has no
  // selector): its address (the first node's, as on a kind control plane) and its secure port.
  createObject(ctx, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('kubernetes', { namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }),
    subsets: [{ addresses: [{ ip: API_SERVER_ADDRESS }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  } as KObject);
  createObject(ctx, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta('kubernetes', { namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } }),
    addressType: 'IPv4',
    endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
}

/** The simulated API server's address (the endpoint of the kubernetes Service). */
export const API_SERVER_ADDRESS = '172.18.0.2';

export function nodeObject(n: NodeOptions, index: number, now: string, version: string): KObject {
  const cpu = String(n.cpu ?? '4');
  const memory = n.memory ?? '16Gi';
  const pods = String(n.pods ?? 110);
  const resources = { cpu: String(milliCpu(cpu) % 1000 === 0 ? milliCpu(cpu) / 1000 : `${milliCpu(cpu)}m`), memory: formatBytes(bytes(memory)), pods, 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(n.name, {
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(n.labels ?? {}),
      },
    }),
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], ...(n.taints && n.taints.length > 0 ? { taints: n.taints } : {}) },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: readyConditions(now),
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 1}` },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-sim',
        kubeProxyVersion: version,
        kubeletVersion: version,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
      },
    },
  };
}
