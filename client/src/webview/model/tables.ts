/**
 * kubectl-like tables with kubectl's column semantics. Cells come from the simulator's printers
 * (the same code `shipshape simulate` prints with), so the panel and the CLI always agree.
 */
import type { KubeObject, ObjectRef } from '../../../../server/src/lsp/protocol';
import { PRINTERS } from '../../../../server/src/sim/print/tables';
import type { KObject } from '../../../../server/src/sim/types';
import { refOf, type ClusterModel } from './clusterModel';
import { summarizePod, type PodCategory } from './pods';
import { endpointsOf, formatEndpoints, hasSelector, ingressRoutes, type ServiceObject } from './services';

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

export interface TableRow {
  key: string;
  ref: ObjectRef;
  cells: string[];
  tone?: Tone;
  /** Pods only: the colour of the STATUS cell. */
  category?: PodCategory;
}

export interface TableView {
  id: string;
  title: string;
  kind: string;
  columns: string[];
  rows: TableRow[];
  /** Rows that match the filter (more than `rows` when a limit cut them). */
  matched: number;
  /** Rows before the text filter. */
  total: number;
}

export interface TableQuery {
  /** Only this namespace; all namespaces (with a NAMESPACE column, like `kubectl get -A`) when absent. */
  namespace?: string;
  /** Case-insensitive text every shown row contains in one of its cells. */
  filter?: string;
  /** Build at most this many rows (`matched` still counts them all). */
  limit?: number;
}

interface TableSpec {
  id: string;
  title: string;
  kind: string;
  /** Printer columns to show, by header. */
  columns: string[];
  /** Extra computed columns, inserted before AGE. */
  extra?: { header: string; cell(model: ClusterModel, obj: KubeObject): string }[];
  tone?(model: ClusterModel, obj: KubeObject, cells: Record<string, string>): Tone | undefined;
}

const num = (value: string | undefined): number => Number(value ?? 0) || 0;

export const TABLE_SPECS: Record<string, TableSpec> = {
  deployments: {
    id: 'deployments',
    title: 'Deployments',
    kind: 'Deployment',
    columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    tone: (_m, _o, c) => {
      const [ready, desired] = c.READY.split('/').map(Number);
      if (desired === 0) return 'muted';
      return ready === desired && num(c.AVAILABLE) >= desired ? 'ok' : 'warn';
    },
  },
  replicasets: {
    id: 'replicasets',
    title: 'ReplicaSets',
    kind: 'ReplicaSet',
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    tone: (_m, _o, c) => (num(c.DESIRED) === 0 && num(c.CURRENT) === 0 ? 'muted' : num(c.READY) === num(c.DESIRED) ? 'ok' : 'warn'),
  },
  statefulsets: {
    id: 'statefulsets',
    title: 'StatefulSets',
    kind: 'StatefulSet',
    columns: ['NAME', 'READY', 'AGE'],
    tone: (_m, _o, c) => {
      const [ready, desired] = c.READY.split('/').map(Number);
      return desired === 0 ? 'muted' : ready === desired ? 'ok' : 'warn';
    },
  },
  daemonsets: {
    id: 'daemonsets',
    title: 'DaemonSets',
    kind: 'DaemonSet',
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    tone: (_m, _o, c) => (num(c.READY) === num(c.DESIRED) ? 'ok' : 'warn'),
  },
  pods: {
    id: 'pods',
    title: 'Pods',
    kind: 'Pod',
    columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE'],
  },
  hpas: {
    id: 'hpas',
    title: 'HorizontalPodAutoscalers',
    kind: 'HorizontalPodAutoscaler',
    columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    tone: (_m, _o, c) => (c.TARGETS.includes('<unknown>') ? 'warn' : undefined),
  },
  services: {
    id: 'services',
    title: 'Services',
    kind: 'Service',
    columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    extra: [{ header: 'ENDPOINTS', cell: (model, obj) => formatEndpoints(endpointsOf(model, obj).ready) }],
    tone: (_m, obj, c) => (hasSelector(obj as ServiceObject) && c.ENDPOINTS === '<none>' ? 'warn' : undefined),
  },
  ingresses: {
    id: 'ingresses',
    title: 'Ingresses',
    kind: 'Ingress',
    columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    tone: (model, obj) => (ingressRoutes(model, obj.metadata.namespace).some((r) => r.ingress === obj.metadata.name && r.problem) ? 'warn' : undefined),
  },
  pvcs: {
    id: 'pvcs',
    title: 'PersistentVolumeClaims',
    kind: 'PersistentVolumeClaim',
    columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE'],
    tone: (_m, _o, c) => (c.STATUS === 'Bound' ? 'ok' : c.STATUS === 'Lost' ? 'error' : 'warn'),
  },
  pvs: {
    id: 'pvs',
    title: 'PersistentVolumes',
    kind: 'PersistentVolume',
    columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'REASON', 'AGE'],
    tone: (_m, _o, c) => (c.STATUS === 'Bound' ? 'ok' : c.STATUS === 'Failed' ? 'error' : c.STATUS === 'Available' ? undefined : 'warn'),
  },
  jobs: {
    id: 'jobs',
    title: 'Jobs',
    kind: 'Job',
    columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    tone: (_m, _o, c) => (c.STATUS === 'Complete' ? 'ok' : c.STATUS === 'Failed' || c.STATUS === 'FailureTarget' ? 'error' : undefined),
  },
  cronjobs: {
    id: 'cronjobs',
    title: 'CronJobs',
    kind: 'CronJob',
    columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    tone: (_m, _o, c) => (c.SUSPEND === 'true' ? 'muted' : undefined),
  },
};

const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PersistentVolume', 'StorageClass']);

const byNamespaceThenName = (a: KubeObject, b: KubeObject): number => {
  const x = `${a.metadata.namespace ?? ''}\u0000${a.metadata.name}`;
  const y = `${b.metadata.namespace ?? ''}\u0000${b.metadata.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The cells of one object under the spec's columns, by header. */
function cellsOf(spec: TableSpec, model: ClusterModel, obj: KubeObject, now: number): Record<string, string> {
  const printer = PRINTERS[spec.kind];
  const out: Record<string, string> = {};
  let row: string[];
  try {
    row = printer.row(obj as unknown as KObject, now);
  } catch {
    row = printer.columns.map((column) => (column === 'NAME' ? obj.metadata.name : '<error>'));
  }
  printer.columns.forEach((column, i) => (out[column] = row[i] ?? ''));
  for (const extra of spec.extra ?? []) out[extra.header] = extra.cell(model, obj);
  return out;
}

export function headerOf(spec: TableSpec, allNamespaces: boolean): string[] {
  const extra = (spec.extra ?? []).map((e) => e.header);
  const columns = [...spec.columns];
  const age = columns.indexOf('AGE');
  columns.splice(age >= 0 ? age : columns.length, 0, ...extra);
  return allNamespaces && !CLUSTER_SCOPED.has(spec.kind) ? ['NAMESPACE', ...columns] : columns;
}

/** A table of every object of the spec's kind, kubectl-sorted (namespace, then name). */
export function buildTable(model: ClusterModel, specId: string, query: TableQuery = {}): TableView {
  const spec = TABLE_SPECS[specId];
  if (!spec) throw new Error(`unknown table "${specId}"`);
  const now = model.now();
  const columns = headerOf(spec, query.namespace === undefined);
  const objects = model.list(spec.kind, CLUSTER_SCOPED.has(spec.kind) ? undefined : query.namespace).sort(byNamespaceThenName);
  const filter = query.filter?.trim().toLowerCase();
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const rows: TableRow[] = [];
  let matched = 0;
  for (const obj of objects) {
    // Without a filter every object matches: rows past the limit need no cells at all.
    if (!filter && rows.length >= limit) {
      matched = objects.length;
      break;
    }
    const byHeader = cellsOf(spec, model, obj, now);
    byHeader.NAMESPACE = obj.metadata.namespace ?? '';
    const cells = columns.map((column) => byHeader[column] ?? '');
    if (filter && !cells.some((cell) => cell.toLowerCase().includes(filter))) continue;
    matched++;
    if (rows.length >= limit) continue;
    const row: TableRow = { key: `${spec.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, ref: refOf(obj), cells };
    if (spec.kind === 'Pod') {
      const pod = summarizePod(obj, now);
      row.category = pod.category;
      row.tone =
        pod.category === 'ready' || pod.category === 'succeeded'
          ? 'ok'
          : pod.category === 'failing' || pod.category === 'unknown'
            ? 'error'
            : pod.category === 'terminating'
              ? 'muted'
              : 'warn';
    } else {
      const tone = spec.tone?.(model, obj, byHeader);
      if (tone) row.tone = tone;
    }
    rows.push(row);
  }
  return { id: spec.id, title: spec.title, kind: spec.kind, columns, rows, matched: Math.max(matched, rows.length), total: objects.length };
}
