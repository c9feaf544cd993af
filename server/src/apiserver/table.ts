import { PRINTERS } from '../sim/print/tables';
import type { KObject } from '../sim/types';
import { humanDuration } from '../sim/util/duration';
import { parseTime } from '../sim/util/time';

/** meta.k8s.io/v1 Table responses: kubectl's `get` columns, computed by the server. */

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object: unknown;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = any;
type RowFn = (obj: Loose, now: number) => string[];
interface TablePrinter {
  columns: string[];
  /** Columns shown only with -o wide (priority 1). */
  wide: Set<string>;
  row: RowFn;
}

const age = (o: KObject, now: number): string => humanDuration(now - (parseTime(o.metadata.creationTimestamp) ?? now));
const containersOf = (spec: Loose): Loose[] => spec?.template?.spec?.containers ?? spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
const names = (cs: Loose[]): string => cs.map((c) => c.name).join(',');
const images = (cs: Loose[]): string => cs.map((c) => c.image).join(',');
const selectorText = (sel: Loose): string => {
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? [])
    parts.push(
      e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`,
    );
  return parts.length > 0 ? parts.join(',') : '<none>';
};
const mapText = (m: Record<string, string> | undefined): string => {
  const parts = Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(',') : '<none>';
};

function fromSim(kind: string, wide: string[], extra?: { columns: string[]; row: RowFn }): TablePrinter {
  const base = PRINTERS[kind];
  const columns = extra ? [...base.columns, ...extra.columns] : base.columns;
  return {
    columns,
    wide: new Set(extra ? [...wide, ...extra.columns] : wide),
    row: extra ? (o, now) => [...base.row(o, now), ...extra.row(o, now)] : base.row,
  };
}

function own(columns: string[], wide: string[], row: RowFn): TablePrinter {
  return { columns, wide: new Set(wide), row };
}

const workloadWide = {
  columns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o: Loose) => [names(containersOf(o.spec)), images(containersOf(o.spec)), selectorText(o.spec?.selector)],
};

const TABLES: Record<string, TablePrinter> = {
  Pod: fromSim('Pod', ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']),
  Node: fromSim('Node', [], {
    columns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row: (o) => {
      const addr = (t: string): string => (o.status?.addresses ?? []).find((a: Loose) => a.type === t)?.address ?? '<none>';
      const info = o.status?.nodeInfo ?? {};
      return [
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
  }),
  Deployment: fromSim('Deployment', [], workloadWide),
  ReplicaSet: fromSim('ReplicaSet', [], workloadWide),
  StatefulSet: fromSim('StatefulSet', [], { columns: ['CONTAINERS', 'IMAGES'], row: (o) => [names(containersOf(o.spec)), images(containersOf(o.spec))] }),
  DaemonSet: fromSim('DaemonSet', [], workloadWide),
  Job: fromSim('Job', [], workloadWide),
  CronJob: fromSim('CronJob', [], {
    columns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o) => [names(containersOf(o.spec)), images(containersOf(o.spec)), '<none>'],
  }),
  Service: fromSim('Service', [], { columns: ['SELECTOR'], row: (o) => [mapText(o.spec?.selector)] }),
  Ingress: fromSim('Ingress', []),
  PersistentVolumeClaim: fromSim('PersistentVolumeClaim', ['VOLUMEMODE']),
  PersistentVolume: fromSim('PersistentVolume', ['VOLUMEMODE']),
  StorageClass: fromSim('StorageClass', []),
  HorizontalPodAutoscaler: fromSim('HorizontalPodAutoscaler', []),
  Namespace: fromSim('Namespace', []),
  EndpointSlice: fromSim('EndpointSlice', []),
  ConfigMap: own(['NAME', 'DATA', 'AGE'], [], (o, now) => [
    o.metadata.name,
    String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
    age(o, now),
  ]),
  Secret: own(['NAME', 'TYPE', 'DATA', 'AGE'], [], (o, now) => [o.metadata.name, o.type ?? 'Opaque', String(Object.keys(o.data ?? {}).length), age(o, now)]),
  ServiceAccount: own(['NAME', 'SECRETS', 'AGE'], [], (o, now) => [o.metadata.name, String((o.secrets ?? []).length), age(o, now)]),
  Endpoints: own(['NAME', 'ENDPOINTS', 'AGE'], [], (o, now) => [o.metadata.name, endpointsText(o), age(o, now)]),
  Event: own(
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
    ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'],
    (o, now) => {
      const last = parseTime(o.lastTimestamp ?? o.eventTime) ?? now;
      const first = parseTime(o.firstTimestamp ?? o.eventTime) ?? now;
      const source = o.source?.host ? `${o.source.component}, ${o.source.host}` : (o.source?.component ?? o.reportingComponent ?? '');
      const object = `${(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}`;
      return [
        humanDuration(now - last),
        o.type ?? '',
        o.reason ?? '',
        object,
        o.involvedObject?.fieldPath ?? '',
        source,
        (o.message ?? '').trim(),
        humanDuration(now - first),
        String(o.count ?? 1),
        o.metadata.name,
      ];
    },
  ),
  Role: own(['NAME', 'CREATED AT'], [], (o) => [o.metadata.name, o.metadata.creationTimestamp]),
  ClusterRole: own(['NAME', 'CREATED AT'], [], (o) => [o.metadata.name, o.metadata.creationTimestamp]),
  RoleBinding: own(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'], ['USERS', 'GROUPS', 'SERVICEACCOUNTS'], bindingRow),
  ClusterRoleBinding: own(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'], ['USERS', 'GROUPS', 'SERVICEACCOUNTS'], bindingRow),
  PodDisruptionBudget: own(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'], [], (o, now) => [
    o.metadata.name,
    String(o.spec?.minAvailable ?? 'N/A'),
    String(o.spec?.maxUnavailable ?? 'N/A'),
    String(o.status?.disruptionsAllowed ?? 0),
    age(o, now),
  ]),
  ControllerRevision: own(['NAME', 'CONTROLLER', 'REVISION', 'AGE'], [], (o, now) => {
    const owner = (o.metadata.ownerReferences ?? []).find((r: Loose) => r.controller);
    return [
      o.metadata.name,
      owner ? `${owner.kind.toLowerCase()}.${owner.apiVersion.split('/')[0]}/${owner.name}` : '<none>',
      String(o.revision ?? 0),
      age(o, now),
    ];
  }),
  PriorityClass: own(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'], [], (o, now) => [
    o.metadata.name,
    String(o.value ?? 0),
    String(!!o.globalDefault),
    age(o, now),
    o.preemptionPolicy ?? 'PreemptLowerPriority',
  ]),
  NetworkPolicy: own(['NAME', 'POD-SELECTOR', 'AGE'], [], (o, now) => [
    o.metadata.name,
    selectorText(o.spec?.podSelector).replace('<none>', '<none>'),
    age(o, now),
  ]),
  IngressClass: own(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'], [], (o, now) => [o.metadata.name, o.spec?.controller ?? '', '<none>', age(o, now)]),
};

function bindingRow(o: Loose, now: number): string[] {
  const of = (kind: string): string =>
    (o.subjects ?? [])
      .filter((s: Loose) => s.kind === kind)
      .map((s: Loose) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
      .join(', ');
  return [o.metadata.name, `${o.roleRef?.kind}/${o.roleRef?.name}`, age(o, now), of('User'), of('Group'), of('ServiceAccount')];
}

function endpointsText(o: Loose): string {
  const list: string[] = [];
  for (const subset of o.subsets ?? [])
    for (const a of subset.addresses ?? []) for (const p of subset.ports ?? [{}]) list.push(p.port !== undefined ? `${a.ip}:${p.port}` : a.ip);
  if (list.length === 0) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

const DEFAULT: TablePrinter = own(['NAME', 'CREATED AT'], [], (o) => [o.metadata.name, o.metadata.creationTimestamp]);

function printerOf(kind: string): TablePrinter {
  return TABLES[kind] ?? DEFAULT;
}

export function columnDefinitions(kind: string): ColumnDefinition[] {
  const printer = printerOf(kind);
  return printer.columns.map((name) => ({
    name: name.charAt(0) + name.slice(1).toLowerCase(),
    type: 'string',
    format: name === 'NAME' ? 'name' : '',
    description: name === 'NAME' ? 'Name must be unique within a namespace.' : name.toLowerCase(),
    priority: printer.wide.has(name) ? 1 : 0,
  }));
}

export function partialMetadata(obj: KObject): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function tableRow(kind: string, obj: KObject, now: number, include: IncludeObject): TableRow {
  const cells = printerOf(kind).row(obj, now);
  const object = include === 'None' ? null : include === 'Object' ? obj : partialMetadata(obj);
  return { cells, object };
}

/** A Table of the objects; `withColumns: false` for watch events after the first (kubectl's NoHeaders). */
export function toTable(
  kind: string,
  objects: KObject[],
  now: number,
  resourceVersion: string,
  include: IncludeObject,
  withColumns = true,
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? columnDefinitions(kind) : [],
    rows: objects.map((o) => tableRow(kind, o, now, include)),
  };
}

/** True when the client asked for a Table (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function includeObjectParam(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}
