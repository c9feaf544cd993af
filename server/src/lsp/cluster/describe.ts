import { stringify } from 'yaml';
import type { Cluster } from '../../sim/cluster';
import { podStatusColumn } from '../../sim/print/podStatus';
import type { Condition, Container, ContainerState, KObject, Pod } from '../../sim/types';
import { humanDuration } from '../../sim/util/duration';
import { controllerRef } from '../../sim/util/pods';
import { parseTime } from '../../sim/util/time';
import { podsOf } from './ownedPods';

/**
 * Text in the spirit of `kubectl describe` (pkg/describe/describe.go): the object's metadata, the
 * fields that matter for its kind, its conditions and its events. Kinds without a dedicated section
 * show their spec (or data) as YAML.
 */
const KEY_WIDTH = 24;

export function describeObject(cluster: Cluster, obj: KObject): string {
  const out: string[] = [];
  const now = cluster.now;
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
    case 'Pod':
      pod(out, obj as Pod, now);
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
  if (obj.kind !== 'Pod' && Array.isArray(o.status?.conditions)) conditions(out, o.status.conditions as Condition[]);
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

function pod(out: string[], p: Pod, now: number): void {
  const node = p.spec.nodeName ? `${p.spec.nodeName}${p.status?.hostIP ? `/${p.status.hostIP}` : ''}` : '<none>';
  fields(out, [
    ['Service Account', String(p.spec.serviceAccountName ?? 'default')],
    ['Node', node],
    ['Start Time', timestamp(p.status?.startTime)],
    ['Status', podStatusColumn(p)],
    ['IP', p.status?.podIP ?? ''],
  ]);
  out.push('Containers:');
  const statuses = new Map((p.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  for (const c of p.spec.containers) {
    containerSpec(out, c, '  ');
    const s = statuses.get(c.name);
    if (!s) continue;
    stateLines(out, 'State', s.state, now);
    if (s.lastState && Object.keys(s.lastState).length > 0) stateLines(out, 'Last State', s.lastState, now);
    out.push(`    Ready:          ${s.ready ? 'True' : 'False'}`);
    out.push(`    Restart Count:  ${s.restartCount}`);
  }
  conditions(out, p.status?.conditions ?? []);
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

function stateLines(out: string[], label: string, state: ContainerState, now: number): void {
  if (state.running) out.push(`    ${label}:          Running (started ${age(state.running.startedAt, now)} ago)`);
  else if (state.waiting) out.push(`    ${label}:          Waiting (${state.waiting.reason}${state.waiting.message ? `: ${state.waiting.message}` : ''})`);
  else if (state.terminated) out.push(`    ${label}:          Terminated (${state.terminated.reason}, exit code ${state.terminated.exitCode})`);
}

function service(out: string[], cluster: Cluster, svc: KObject & { spec?: Record<string, unknown> }): void {
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []) as { name?: string; port: number; targetPort?: unknown; protocol?: string; nodePort?: number }[];
  const endpoints = podsOf(cluster, svc)
    .filter((p) => p.status?.podIP && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => p.status.podIP as string);
  fields(out, [
    ['Selector', mapText(spec.selector as Record<string, string> | undefined, '=', ',')],
    ['Type', String(spec.type ?? 'ClusterIP')],
    ['IP', String(spec.clusterIP ?? '<none>')],
    ...ports.map((p): [string, string] => [
      'Port',
      `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}${p.targetPort !== undefined ? ` → ${String(p.targetPort)}` : ''}${p.nodePort ? ` (NodePort ${p.nodePort})` : ''}`,
    ]),
    ['Endpoints', endpoints.length > 0 ? endpoints.join(', ') : '<none>'],
  ]);
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
  for (const [key, value] of rows) out.push(`${`${key}:`.padEnd(KEY_WIDTH)}${value}`);
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

function withoutLastApplied(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const rest = { ...annotations };
  delete rest['kubectl.kubernetes.io/last-applied-configuration'];
  return rest;
}

/** kubectl's time format: "Wed, 01 Jan 2025 00:00:00 +0000". */
function timestamp(value: string | undefined): string {
  const t = parseTime(value);
  return t === undefined ? '<unset>' : new Date(t).toUTCString().replace('GMT', '+0000');
}

function age(value: string | undefined, now: number): string {
  const t = parseTime(value);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
