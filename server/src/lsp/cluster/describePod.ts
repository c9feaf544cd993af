/**
 * `kubectl describe pod` (pkg/describe/describe.go describePod): the pod's fields, each container
 * with its state, resources, probes, environment and mounts, conditions, volumes, QoS class,
 * node selectors and tolerations. Keys are aligned per block, like kubectl's tabwriter.
 */
import { podStatusColumn } from '../../sim/print/podStatus';
import type { Container, ContainerState, ContainerStatus, EnvVar, Pod, Probe, Toleration, Volume } from '../../sim/types';
import { controllerRef } from '../../sim/util/pods';
import { keyValues, mapLines, timestamp, withoutLastApplied } from './describeFormat';

/** Top-level keys are padded to this width ("Service Account:  default"). */
const POD_KEY_WIDTH = 18;
/** Container keys ("    Restart Count:  0"). */
const CONTAINER_KEY_WIDTH = 16;

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export function describePod(p: Pod): string[] {
  const out: string[] = [];
  const top = (rows: [string, string][]): void => keyValues(out, rows, '', POD_KEY_WIDTH);
  const node = p.spec.nodeName ? `${p.spec.nodeName}${p.status?.hostIP ? `/${p.status.hostIP}` : ''}` : '<none>';
  const owner = controllerRef(p);
  top([
    ['Name', p.metadata.name],
    ['Namespace', p.metadata.namespace ?? 'default'],
    ['Priority', String((p.spec.priority as number | undefined) ?? 0)],
    ['Service Account', String(p.spec.serviceAccountName ?? 'default')],
    ['Node', node],
    ['Start Time', timestamp(p.status?.startTime)],
    ['Labels', mapLines(p.metadata.labels, '=', POD_KEY_WIDTH)],
    ['Annotations', mapLines(withoutLastApplied(p.metadata.annotations), ': ', POD_KEY_WIDTH)],
    ['Status', podStatusColumn(p)],
    ['IP', p.status?.podIP ?? ''],
    ...(owner ? ([['Controlled By', `${owner.kind}/${owner.name}`]] as [string, string][]) : []),
  ]);
  const statuses = new Map((p.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  if (p.spec.initContainers?.length) {
    out.push('Init Containers:');
    for (const c of p.spec.initContainers)
      container(
        out,
        c,
        p.status?.initContainerStatuses?.find((s) => s.name === c.name),
      );
  }
  out.push('Containers:');
  for (const c of p.spec.containers) container(out, c, statuses.get(c.name));
  const conditions = p.status?.conditions ?? [];
  if (conditions.length > 0) {
    out.push('Conditions:');
    const width = Math.max(...conditions.map((c) => c.type.length), 4) + 2;
    out.push(`  ${'Type'.padEnd(width)}Status`);
    for (const c of conditions) out.push(`  ${c.type.padEnd(width)}${c.status}`);
  }
  volumes(out, p.spec.volumes ?? []);
  top([
    ['QoS Class', p.status?.qosClass ?? qosClass(p)],
    ['Node-Selectors', mapLines(p.spec.nodeSelector, '=', POD_KEY_WIDTH)],
    ['Tolerations', (p.spec.tolerations ?? []).map(tolerationText).join(`\n${' '.repeat(POD_KEY_WIDTH)}`) || '<none>'],
  ]);
  return out;
}

function container(out: string[], c: Container, status: ContainerStatus | undefined): void {
  out.push(`  ${c.name}:`);
  const rows: [string, string][] = [['Image', c.image]];
  const ports = c.ports ?? [];
  rows.push(['Port', ports.length > 0 ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>']);
  rows.push(['Host Port', ports.length > 0 ? ports.map((p) => `${(p as { hostPort?: number }).hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>']);
  const lines: string[] = [];
  const field = (key: string, value: string): void => keyValues(lines, [[key, value]], '    ', CONTAINER_KEY_WIDTH);
  for (const [k, v] of rows) field(k, v);
  if (status) {
    state(lines, 'State', status.state);
    if (status.lastState && Object.keys(status.lastState).length > 0) state(lines, 'Last State', status.lastState);
    field('Ready', status.ready ? 'True' : 'False');
    field('Restart Count', String(status.restartCount));
  }
  for (const [title, values] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    if (!values || Object.keys(values).length === 0) continue;
    lines.push(`    ${title}:`);
    keyValues(lines, Object.entries(values as Record<string, string>), '      ', Math.max(...Object.keys(values).map((k) => k.length)) + 3);
  }
  if (c.livenessProbe) field('Liveness', probeText(c.livenessProbe));
  if (c.readinessProbe) field('Readiness', probeText(c.readinessProbe));
  if (c.startupProbe) field('Startup', probeText(c.startupProbe));
  if (c.envFrom?.length) {
    lines.push('    Environment Variables from:');
    for (const from of c.envFrom) {
      const ref = from.configMapRef
        ? { name: from.configMapRef.name, kind: 'ConfigMap', optional: from.configMapRef.optional }
        : from.secretRef
          ? { name: from.secretRef.name, kind: 'Secret', optional: from.secretRef.optional }
          : undefined;
      if (ref) lines.push(`      ${ref.name}  ${ref.kind}  Optional: ${ref.optional === true}`);
    }
  }
  const env = c.env ?? [];
  if (env.length === 0) field('Environment', '<none>');
  else {
    lines.push('    Environment:');
    const width = Math.max(...env.map((e) => e.name.length)) + 3;
    keyValues(
      lines,
      env.map((e): [string, string] => [e.name, envValue(e)]),
      '      ',
      width,
    );
  }
  const mounts = (c.volumeMounts as VolumeMount[] | undefined) ?? [];
  if (mounts.length === 0) field('Mounts', '<none>');
  else {
    lines.push('    Mounts:');
    for (const m of mounts) lines.push(`      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`);
  }
  out.push(...lines);
}

function state(lines: string[], label: string, s: ContainerState): void {
  const key = (k: string): string => `${k}:`.padEnd(CONTAINER_KEY_WIDTH);
  const sub = (k: string): string => `      ${`${k}:`.padEnd(CONTAINER_KEY_WIDTH - 2)}`;
  if (s.running) {
    lines.push(`    ${key(label)}Running`, `${sub('Started')}${timestamp(s.running.startedAt)}`);
  } else if (s.waiting) {
    lines.push(`    ${key(label)}Waiting`, `${sub('Reason')}${s.waiting.reason}`);
    if (s.waiting.message) lines.push(`${sub('Message')}${s.waiting.message}`);
  } else if (s.terminated) {
    const t = s.terminated;
    lines.push(`    ${key(label)}Terminated`, `${sub('Reason')}${t.reason}`);
    if (t.message) lines.push(`${sub('Message')}${t.message}`);
    lines.push(`${sub('Exit Code')}${t.exitCode}`);
    if (t.startedAt) lines.push(`${sub('Started')}${timestamp(t.startedAt)}`);
    lines.push(`${sub('Finished')}${timestamp(t.finishedAt)}`);
  }
}

/** `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(p: Probe): string {
  let action = 'unknown';
  if (p.httpGet) action = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''}`;
  else if (p.tcpSocket) action = `tcp-socket :${p.tcpSocket.port}`;
  else if (p.exec) action = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.grpc) action = `grpc <pod>:${p.grpc.port} `;
  return `${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

function envValue(e: EnvVar): string {
  if (e.value !== undefined) return e.value;
  const from = e.valueFrom;
  if (from?.configMapKeyRef)
    return `<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>  Optional: ${from.configMapKeyRef.optional === true}`;
  if (from?.secretKeyRef)
    return `<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>  Optional: ${from.secretKeyRef.optional === true}`;
  const fieldRef = from?.fieldRef as { fieldPath?: string; apiVersion?: string } | undefined;
  if (fieldRef?.fieldPath) return ` (${fieldRef.apiVersion ?? 'v1'}:${fieldRef.fieldPath})`;
  const resourceRef = from?.resourceFieldRef as { resource?: string; containerName?: string } | undefined;
  if (resourceRef?.resource) return `${resourceRef.resource}${resourceRef.containerName ? ` of ${resourceRef.containerName}` : ''}`;
  return '';
}

function volumes(out: string[], list: Volume[]): void {
  if (list.length === 0) {
    out.push(`${'Volumes:'.padEnd(POD_KEY_WIDTH)}<none>`);
    return;
  }
  out.push('Volumes:');
  for (const v of list) {
    out.push(`  ${v.name}:`);
    let rows: [string, string][];
    if (v.persistentVolumeClaim) {
      rows = [
        ['Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)'],
        ['ClaimName', v.persistentVolumeClaim.claimName],
        ['ReadOnly', String(v.persistentVolumeClaim.readOnly === true)],
      ];
    } else if (v.configMap) {
      rows = [
        ['Type', 'ConfigMap (a volume populated by a ConfigMap)'],
        ['Name', v.configMap.name],
        ['Optional', String(v.configMap.optional === true)],
      ];
    } else if (v.secret) {
      rows = [
        ['Type', 'Secret (a volume populated by a Secret)'],
        ['SecretName', v.secret.secretName],
        ['Optional', String(v.secret.optional === true)],
      ];
    } else if (v.emptyDir !== undefined) {
      const dir = (v.emptyDir ?? {}) as { medium?: string; sizeLimit?: string };
      rows = [
        ['Type', "EmptyDir (a temporary directory that shares a pod's lifetime)"],
        ['Medium', dir.medium ?? ''],
        ['SizeLimit', dir.sizeLimit ?? '<unset>'],
      ];
    } else {
      const kind = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
      rows = [['Type', kind]];
    }
    keyValues(out, rows, '    ', Math.max(...rows.map(([k]) => k.length)) + 3);
  }
}

/** kubectl's QoS class from requests and limits (what the API server stores in status.qosClass). */
export function qosClass(p: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...p.spec.containers, ...(p.spec.initContainers ?? [])];
  const set = (c: Container, kind: 'requests' | 'limits', resource: string): string | undefined =>
    (c.resources?.[kind] as Record<string, string> | undefined)?.[resource];
  if (containers.every((c) => ['cpu', 'memory'].every((r) => set(c, 'requests', r) === undefined && set(c, 'limits', r) === undefined))) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every((r) => {
      const limit = set(c, 'limits', r);
      const request = set(c, 'requests', r) ?? limit;
      return limit !== undefined && request === limit;
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function tolerationText(t: Toleration): string {
  let text = t.key ?? '';
  if (t.value) text += `=${t.value}`;
  if (t.effect) text += `:${t.effect}`;
  if (t.operator === 'Exists') text += text ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
  return text;
}
