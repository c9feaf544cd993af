import type { KObject, Pod } from '../types';
import { humanDuration } from '../util/duration';
import { parseTime } from '../util/time';
import { podReadyColumn, podRestartsColumn, podStatusColumn } from './podStatus';

type Row = string[];
interface Printer {
  resource: string;
  columns: string[];
  row(obj: KObject, now: number): Row;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = any;

const age = (obj: KObject, now: number): string => humanDuration(now - (parseTime(obj.metadata.creationTimestamp) ?? now));
const none = (v: unknown): string => (v === undefined || v === null || v === '' ? '<none>' : String(v));

const ACCESS: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** kubectl get columns per kind (server-side printers, 1.32). */
export const PRINTERS: Record<string, Printer> = {
  Node: {
    resource: 'nodes',
    columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    row: (o: Loose, now) => {
      const ready = o.status?.conditions?.find((c: Loose) => c.type === 'Ready');
      let status = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'NotReady';
      if (ready?.status === 'Unknown') status = 'NotReady';
      if (o.spec?.unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24));
      return [o.metadata.name, status, roles.length > 0 ? roles.join(',') : '<none>', age(o, now), o.status?.nodeInfo?.kubeletVersion ?? ''];
    },
  },
  Pod: {
    resource: 'pods',
    // kubectl get pods -o wide
    columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (o, now) => [o.metadata.name, podReadyColumn(o as Pod), podStatusColumn(o as Pod), podRestartsColumn(o as Pod, now), age(o, now), none((o as Pod).status?.podIP), none((o as Pod).spec.nodeName), '<none>', '<none>'],
  },
  Deployment: {
    resource: 'deployments',
    columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec.replicas}`, String(o.status?.updatedReplicas ?? 0), String(o.status?.availableReplicas ?? 0), age(o, now)],
  },
  ReplicaSet: {
    resource: 'replicasets',
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, String(o.spec.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(o, now)],
  },
  StatefulSet: {
    resource: 'statefulsets',
    columns: ['NAME', 'READY', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec.replicas}`, age(o, now)],
  },
  DaemonSet: {
    resource: 'daemonsets',
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    row: (o: Loose, now) => {
      const s = o.status ?? {};
      const sel = Object.entries(o.spec.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return [o.metadata.name, String(s.desiredNumberScheduled ?? 0), String(s.currentNumberScheduled ?? 0), String(s.numberReady ?? 0), String(s.updatedNumberScheduled ?? 0), String(s.numberAvailable ?? 0), none(sel), age(o, now)];
    },
  },
  Job: {
    resource: 'jobs',
    columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    row: (o: Loose, now) => {
      const conds: Loose[] = o.status?.conditions ?? [];
      const has = (t: string): boolean => conds.some((c) => c.type === t && c.status === 'True');
      const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : o.metadata.deletionTimestamp ? 'Terminating' : has('Suspended') ? 'Suspended' : has('FailureTarget') ? 'FailureTarget' : 'Running';
      const completions = o.spec.completions !== undefined && o.spec.completions !== null ? `${o.status?.succeeded ?? 0}/${o.spec.completions}` : (o.spec.parallelism ?? 1) > 1 ? `${o.status?.succeeded ?? 0}/1 of ${o.spec.parallelism}` : `${o.status?.succeeded ?? 0}/1`;
      const start = parseTime(o.status?.startTime);
      const end = parseTime(o.status?.completionTime) ?? now;
      return [o.metadata.name, status, completions, start === undefined ? '' : humanDuration(end - start), age(o, now)];
    },
  },
  CronJob: {
    resource: 'cronjobs',
    columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    row: (o: Loose, now) => {
      const last = parseTime(o.status?.lastScheduleTime);
      return [o.metadata.name, o.spec.schedule, none(o.spec.timeZone), String(!!o.spec.suspend), String((o.status?.active ?? []).length), last === undefined ? '<none>' : humanDuration(now - last), age(o, now)];
    },
  },
  Service: {
    resource: 'services',
    columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    row: (o: Loose, now) => {
      const ports = (o.spec.ports ?? []).map((p: Loose) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
      const lb = o.status?.loadBalancer?.ingress?.map((i: Loose) => i.ip ?? i.hostname).join(',');
      const external = o.spec.type === 'LoadBalancer' ? lb || '<pending>' : o.spec.type === 'ExternalName' ? o.spec.externalName : (o.spec.externalIPs ?? []).join(',') || '<none>';
      return [o.metadata.name, o.spec.type, o.spec.clusterIP ?? '<none>', external, ports || '<none>', age(o, now)];
    },
  },
  Ingress: {
    resource: 'ingresses',
    columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    row: (o: Loose, now) => {
      const hosts = (o.spec.rules ?? []).map((r: Loose) => r.host).filter(Boolean);
      const address = (o.status?.loadBalancer?.ingress ?? []).map((i: Loose) => i.ip ?? i.hostname).join(',');
      return [o.metadata.name, none(o.spec.ingressClassName), hosts.length > 0 ? hosts.join(',') : '*', address, (o.spec.tls ?? []).length > 0 ? '80, 443' : '80', age(o, now)];
    },
  },
  PersistentVolumeClaim: {
    resource: 'persistentvolumeclaims',
    columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    row: (o: Loose, now) => {
      const bound = o.status?.phase === 'Bound';
      return [o.metadata.name, o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? 'Pending', o.spec.volumeName ?? '', bound ? o.status?.capacity?.storage ?? '' : '', bound ? (o.status?.accessModes ?? []).map((m: string) => ACCESS[m] ?? m).join(',') : '', o.spec.storageClassName ?? '', '<unset>', age(o, now)];
    },
  },
  PersistentVolume: {
    resource: 'persistentvolumes',
    columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    row: (o: Loose, now) => [
      o.metadata.name,
      o.spec.capacity?.storage ?? '',
      (o.spec.accessModes ?? []).map((m: string) => ACCESS[m] ?? m).join(','),
      o.spec.persistentVolumeReclaimPolicy ?? '',
      o.status?.phase ?? '',
      o.spec.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '',
      o.spec.storageClassName ?? '',
      '<unset>',
      o.status?.reason ?? '',
      age(o, now),
    ],
  },
  StorageClass: {
    resource: 'storageclasses',
    columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    row: (o: Loose, now) => [o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${o.metadata.name} (default)` : o.metadata.name, o.provisioner, o.reclaimPolicy ?? 'Delete', o.volumeBindingMode ?? 'Immediate', String(!!o.allowVolumeExpansion), age(o, now)],
  },
  HorizontalPodAutoscaler: {
    resource: 'horizontalpodautoscalers',
    columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    row: (o: Loose, now) => {
      const targets = (o.spec.metrics ?? []).map((m: Loose) => {
        const current = (o.status?.currentMetrics ?? []).find((c: Loose) => c.resource?.name === m.resource?.name);
        const cur = current?.resource?.current?.averageUtilization;
        return `${m.resource?.name}: ${cur === undefined ? '<unknown>' : `${cur}%`}/${m.resource?.target?.averageUtilization}%`;
      });
      return [o.metadata.name, `${o.spec.scaleTargetRef.kind}/${o.spec.scaleTargetRef.name}`, targets.join(', '), String(o.spec.minReplicas ?? 1), String(o.spec.maxReplicas), String(o.status?.currentReplicas ?? 0), age(o, now)];
    },
  },
  Namespace: {
    resource: 'namespaces',
    columns: ['NAME', 'STATUS', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, o.status?.phase ?? 'Active', age(o, now)],
  },
  EndpointSlice: {
    resource: 'endpointslices',
    columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    row: (o: Loose, now) => {
      const ports = (o.ports ?? []).map((p: Loose) => p.port).join(',') || '<unset>';
      const eps = (o.endpoints ?? []).flatMap((e: Loose) => e.addresses ?? []);
      const shown = eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',') || '<unset>';
      return [o.metadata.name, o.addressType, ports, shown, age(o, now)];
    },
  },
  Endpoints: {
    resource: 'endpoints',
    columns: ['NAME', 'ENDPOINTS', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, formatEndpoints(o.subsets), age(o, now)],
  },
  PodDisruptionBudget: {
    resource: 'poddisruptionbudgets',
    columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
    row: (o: Loose, now) => [o.metadata.name, o.spec.minAvailable === undefined ? 'N/A' : String(o.spec.minAvailable), o.spec.maxUnavailable === undefined ? 'N/A' : String(o.spec.maxUnavailable), String(o.status?.disruptionsAllowed ?? 0), age(o, now)],
  },
  ControllerRevision: {
    resource: 'controllerrevisions',
    columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
    row: (o: Loose, now) => {
      const ref = o.metadata.ownerReferences?.find((r: Loose) => r.controller);
      return [o.metadata.name, ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0]}/${ref.name}` : '<none>', String(o.revision), age(o, now)];
    },
  },
};

/** The ENDPOINTS column: ready `ip:port` pairs (ip alone without ports), at most three, then "+ N more...". */
function formatEndpoints(subsets: Loose[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses: Loose[] = ss.addresses ?? [];
    const ports: Loose[] = ss.ports ?? [];
    for (const port of ports.length > 0 ? ports : [undefined]) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(port ? `${a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${port.port}` : a.ip);
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** Order in which kinds are printed. */
export const PRINT_ORDER = ['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];

/** A kubectl-style table: columns padded to the widest cell plus three spaces. */
export function formatTable(header: string[], rows: Row[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3))).join('').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `kubectl get <kind> [-A]` for the given objects. A NAMESPACE column is added when they span namespaces. */
export function printKind(kind: string, objects: KObject[], now: number): string | undefined {
  const printer = PRINTERS[kind];
  if (!printer || objects.length === 0) return undefined;
  const namespaces = new Set(objects.map((o) => o.metadata.namespace).filter(Boolean));
  const withNs = namespaces.size > 1;
  const header = withNs ? ['NAMESPACE', ...printer.columns] : printer.columns;
  const rows = objects.map((o) => (withNs ? [o.metadata.namespace ?? '', ...printer.row(o, now)] : printer.row(o, now)));
  return formatTable(header, rows);
}
