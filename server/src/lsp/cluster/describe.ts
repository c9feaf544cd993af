import { stringify } from 'yaml';
import type { Cluster } from '../../sim/cluster';
import type { Condition, Container, KObject, Pod } from '../../sim/types';
import { controllerRef } from '../../sim/util/pods';
import { age, keyValues, timestamp, withoutLastApplied } from './describeFormat';
import { describePod } from './describePod';

/**
 * Text in the spirit of `kubectl describe` (pkg/describe/describe.go): the object's metadata, the
 * fields that matter for its kind, its conditions and its events. Kinds without a dedicated section
 * show their spec (or data) as YAML.
 */
const KEY_WIDTH = 24;

export function describeObject(cluster: Cluster, obj: KObject): string {
  const now = cluster.now;
  if (obj.kind === 'Pod') {
    const out = describePod(obj as Pod);
    events(out, cluster, obj, now);
    return out.join('\n') + '\n';
  }
  const out: string[] = [];
  fields(out, [
    ['Name', obj.metadata.name],
    ...(obj.metadata.namespace !== undefined ? ([['Namespace', obj.metadata.namespace]] as [string, string][]) : []),
    ['Labels', mapText(obj.metadata.labels, '=')],
    ['Annotations', mapText(withoutLastApplied(obj.metadata.annotations), ': ')],
    ['CreationTimestamp', timestamp(obj.metadata.creationTimestamp)],
  ]);
  const owner = controllerRef(obj);
  if (owner) fields(out, [['Controlled By', `${owner.kind}/${owner.name}`]]);
  const o = obj as KObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
  switch (obj.kind) {
    case 'Deployment':
      deployment(out, cluster, o);
      break;
    case 'Service':
      service(out, cluster, o);
      break;
    case 'ConfigMap':
    case 'Secret':
      data(out, o);
      break;
    default:
      if (o.spec !== undefined) block(out, 'Spec', o.spec);
      if (o.status !== undefined && !Array.isArray(o.status.conditions)) block(out, 'Status', o.status);
  }
  if (Array.isArray(o.status?.conditions)) conditions(out, o.status.conditions as Condition[]);
  events(out, cluster, obj, now);
  return out.join('\n') + '\n';
}

function deployment(out: string[], cluster: Cluster, d: KObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> }): void {
  const spec = d.spec ?? {};
  const status = d.status ?? {};
  const strategy = (spec.strategy ?? {}) as { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } };
  const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const selector = (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  fields(out, [
    ['Selector', mapText(selector, '=', ',')],
    [
      'Replicas',
      `${n(spec.replicas)} desired | ${n(status.updatedReplicas)} updated | ${n(status.replicas)} total | ${n(status.availableReplicas)} available | ${n(status.unavailableReplicas)} unavailable`,
    ],
    ['StrategyType', strategy.type ?? 'RollingUpdate'],
    ['MinReadySeconds', String(n(spec.minReadySeconds))],
  ]);
  if (strategy.rollingUpdate)
    fields(out, [
      ['RollingUpdateStrategy', `${String(strategy.rollingUpdate.maxUnavailable)} max unavailable, ${String(strategy.rollingUpdate.maxSurge)} max surge`],
    ]);
  const template = spec.template as { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } } | undefined;
  out.push('Pod Template:');
  out.push(`  Labels:  ${mapText(template?.metadata?.labels, '=')}`);
  out.push('  Containers:');
  for (const c of template?.spec?.containers ?? []) containerSpec(out, c, '   ');
  const replicaSets = cluster.list('ReplicaSet', d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
  const current = replicaSets.find(
    (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === d.metadata.annotations?.['deployment.kubernetes.io/revision'],
  );
  const rsLine = (rs: KObject): string => {
    const s = rs as KObject & { spec?: { replicas?: number }; status?: { replicas?: number } };
    return `${rs.metadata.name} (${s.status?.replicas ?? 0}/${s.spec?.replicas ?? 0} replicas created)`;
  };
  const old = replicaSets.filter((rs) => rs !== current && ((rs as { status?: { replicas?: number } }).status?.replicas ?? 0) > 0);
  fields(out, [
    ['OldReplicaSets', old.length > 0 ? old.map(rsLine).join(', ') : '<none>'],
    ['NewReplicaSet', current ? rsLine(current) : '<none>'],
  ]);
}

function containerSpec(out: string[], c: Container, indent: string): void {
  out.push(`${indent}${c.name}:`);
  const pad = `${indent} `;
  out.push(`${pad}Image:      ${c.image}`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  out.push(`${pad}Port:       ${ports.length > 0 ? ports.join(', ') : '<none>'}`);
  const requests = c.resources?.requests;
  const limits = c.resources?.limits;
  if (limits) out.push(`${pad}Limits:     ${mapText(limits as Record<string, string>, ': ', ', ')}`);
  if (requests) out.push(`${pad}Requests:   ${mapText(requests as Record<string, string>, ': ', ', ')}`);
}

function service(out: string[], cluster: Cluster, svc: KObject & { spec?: Record<string, unknown> }): void {
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []) as { name?: string; port: number; targetPort?: unknown; protocol?: string; nodePort?: number }[];
  const endpoints = serviceEndpoints(cluster, svc);
  fields(out, [
    ['Selector', mapText(spec.selector as Record<string, string> | undefined, '=', ',')],
    ['Type', String(spec.type ?? 'ClusterIP')],
    ['IP', String(spec.clusterIP ?? '<none>')],
    ...ports.map((p): [string, string] => [
      'Port',
      `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}${p.targetPort !== undefined ? ` → ${String(p.targetPort)}` : ''}${p.nodePort ? ` (NodePort ${p.nodePort})` : ''}`,
    ]),
    ['Endpoints', endpoints.length > 0 ? endpoints.join(',') : '<none>'],
  ]);
}

/** `10.244.1.5:8080,10.244.2.3:8080`: the ready endpoints of the Service's EndpointSlices, like kubectl. */
function serviceEndpoints(cluster: Cluster, svc: KObject): string[] {
  type Slice = KObject & { endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[]; ports?: { port?: number }[] };
  const slices = cluster.store.select<Slice>('EndpointSlice', svc.metadata.namespace, { matchLabels: { 'kubernetes.io/service-name': svc.metadata.name } });
  const out: string[] = [];
  for (const slice of slices) {
    const port = slice.ports?.[0]?.port;
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      for (const address of endpoint.addresses ?? []) out.push(port === undefined ? address : `${address}:${port}`);
    }
  }
  return out;
}

function data(out: string[], obj: KObject): void {
  const values = { ...((obj.data as Record<string, string> | undefined) ?? {}), ...((obj.stringData as Record<string, string> | undefined) ?? {}) };
  out.push('', 'Data', '====');
  for (const [key, value] of Object.entries(values)) {
    // Secret values are never printed, only their size (like kubectl).
    out.push(obj.kind === 'Secret' ? `${key}:  ${value.length} bytes` : `${key}:\n----\n${value}\n`);
  }
}

function conditions(out: string[], list: Condition[]): void {
  if (list.length === 0) return;
  out.push('Conditions:');
  table(
    out,
    ['Type', 'Status', 'Reason'],
    list.map((c) => [c.type, c.status, c.reason ?? '']),
    '  ',
  );
}

function events(out: string[], cluster: Cluster, obj: KObject, now: number): void {
  const mine = cluster.events.toObjects().filter((e) => (e.involvedObject as { uid?: string }).uid === obj.metadata.uid);
  if (mine.length === 0) {
    out.push('Events:  <none>');
    return;
  }
  out.push('Events:');
  const rows = mine.map((e) => {
    const ev = e as KObject & {
      type: string;
      reason: string;
      message: string;
      count: number;
      firstTimestamp: string;
      lastTimestamp: string;
      source: { component: string };
    };
    const when = ev.count > 1 ? `${age(ev.lastTimestamp, now)} (x${ev.count} over ${age(ev.firstTimestamp, now)})` : age(ev.lastTimestamp, now);
    return [ev.type, ev.reason, when, ev.source.component, ev.message];
  });
  table(out, ['Type', 'Reason', 'Age', 'From', 'Message'], rows, '  ');
}

function block(out: string[], title: string, value: unknown): void {
  out.push(`${title}:`);
  for (const line of stringify(value).trimEnd().split('\n')) out.push(`  ${line}`);
}

function fields(out: string[], rows: [string, string][]): void {
  keyValues(out, rows, '', KEY_WIDTH);
}

function table(out: string[], header: string[], rows: string[][], indent: string): void {
  const all = [header, header.map((h) => '-'.repeat(h.length)), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const row of all)
    out.push(
      indent +
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 2)))
          .join('')
          .trimEnd(),
    );
}

function mapText(map: Record<string, string | number> | undefined, sep: string, join = '\n' + ' '.repeat(KEY_WIDTH)): string {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}${sep}${v}`).join(join);
}
