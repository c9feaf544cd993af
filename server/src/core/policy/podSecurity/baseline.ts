/**
 * The baseline controls of the Pod Security Standards, with the admission plugin's reasons and
 * details (facts from k8s.io/pod-security-admission/policy; the wording is the contract).
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import { child, inUserNamespace, podSecurityContext, POD_SC, scPath, securityContext } from './podView';
import { addedCapabilities, badSeccompFinding, procMountFinding, settersPhrase, volumes } from './shared';
import type { PodSecurityControl } from './types';
import { containersPhrase, goQuote, joinQuote, pluralize, sortedSet } from './wording';

const hostNamespaces: PodSecurityControl = {
  id: 'hostNamespaces',
  level: 'baseline',
  check(pod) {
    const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => pod.spec[k] === true);
    if (set.length === 0) return undefined;
    return { reason: 'host namespaces', detail: set.map((k) => `${k}=true`).join(', '), fields: set.map((k) => ['spec', k]) };
  },
};

const privileged: PodSecurityControl = {
  id: 'privileged',
  level: 'baseline',
  check(pod) {
    const bad = pod.containers.filter((c) => securityContext(c)?.privileged === true);
    if (bad.length === 0) return undefined;
    return {
      reason: 'privileged',
      detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
      fields: bad.map((c) => scPath(c, 'privileged')),
    };
  },
};

const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaseline: PodSecurityControl = {
  id: 'capabilities_baseline',
  level: 'baseline',
  check(pod) {
    const { names, caps, fields } = addedCapabilities(pod, (cap) => DEFAULT_CAPABILITIES.has(cap));
    if (names.length === 0) return undefined;
    return {
      reason: 'non-default capabilities',
      detail: `${containersPhrase(names)} must not include ${joinQuote(caps)} in securityContext.capabilities.add`,
      fields,
    };
  },
};

const hostPathVolumes: PodSecurityControl = {
  id: 'hostPathVolumes',
  level: 'baseline',
  check(pod) {
    const names: string[] = [];
    const fields: JsonPath[] = [];
    volumes(pod).forEach(({ volume, index }) => {
      if (volume.hostPath === undefined || volume.hostPath === null) return;
      names.push(String(volume.name ?? ''));
      fields.push(['spec', 'volumes', index, 'hostPath']);
    });
    if (names.length === 0) return undefined;
    return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, fields };
  },
};

const hostPorts: PodSecurityControl = {
  id: 'hostPorts',
  level: 'baseline',
  check(pod) {
    const names: string[] = [];
    const ports: string[] = [];
    const fields: JsonPath[] = [];
    for (const c of pod.containers) {
      let bad = false;
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: unknown, i: number) => {
        if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort === 0) return;
        bad = true;
        ports.push(String(p.hostPort));
        fields.push([...c.path, 'ports', i, 'hostPort']);
      });
      if (bad) names.push(c.name);
    }
    if (names.length === 0) return undefined;
    const list = sortedSet(ports);
    return {
      reason: 'hostPort',
      detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
      fields,
    };
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

const hostProbesAndHostLifecycle: PodSecurityControl = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  since: 34,
  check(pod) {
    const names = new Set<string>();
    const hosts: string[] = [];
    const fields: JsonPath[] = [];
    for (const c of pod.containers) {
      const handlers: [JsonPath, Record<string, unknown> | undefined][] = [
        ...PROBES.map((p): [JsonPath, Record<string, unknown> | undefined] => [[...c.path, p], child(c.container, p)]),
        ...HOOKS.map((h): [JsonPath, Record<string, unknown> | undefined] => [[...c.path, 'lifecycle', h], child(c.container, 'lifecycle', h)]),
      ];
      for (const [path, handler] of handlers) {
        for (const kind of ['httpGet', 'tcpSocket']) {
          const host = child(handler, kind)?.host;
          if (typeof host !== 'string' || host === '') continue;
          names.add(c.name);
          hosts.push(host);
          fields.push([...path, kind, 'host']);
        }
      }
    }
    if (names.size === 0) return undefined;
    const containerList = sortedSet(names);
    const hostList = sortedSet(hosts);
    return {
      reason: 'probe or lifecycle host',
      detail: `${containersPhrase(containerList)} ${pluralize('uses', 'use', containerList.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
      fields,
    };
  },
};

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

const appArmorProfile: PodSecurityControl = {
  id: 'appArmorProfile',
  level: 'baseline',
  check(pod, versions) {
    const annotations = Object.entries(pod.annotations)
      .filter(([k, v]) => k.startsWith(APPARMOR_ANNOTATION) && typeof v === 'string' && !allowedAppArmorAnnotation(v))
      .map(([k, v]) => ({ text: `${k}=${goQuote(v as string)}`, field: ['metadata', 'annotations', k] as JsonPath }))
      .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    // The appArmorProfile fields are checked by API servers from 1.30 on.
    if (versions.server < 30) {
      if (annotations.length === 0) return undefined;
      const texts = annotations.map((a) => a.text);
      return {
        reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', texts.length),
        detail: texts.join(', '),
        fields: annotations.map((a) => a.field),
      };
    }
    const badType = (sc: Record<string, unknown> | undefined): string | undefined => {
      const profile = child(sc, 'appArmorProfile');
      if (!profile) return undefined;
      return profile.type === 'RuntimeDefault' || profile.type === 'Localhost' ? undefined : String(profile.type ?? '');
    };
    const values: string[] = [];
    const fields: JsonPath[] = [];
    const podBad = badType(podSecurityContext(pod));
    if (podBad !== undefined) {
      values.push(podBad);
      fields.push([...POD_SC, 'appArmorProfile', 'type']);
    }
    const names: string[] = [];
    for (const c of pod.containers) {
      const bad = badType(securityContext(c));
      if (bad === undefined) continue;
      names.push(c.name);
      values.push(bad);
      fields.push(scPath(c, 'appArmorProfile', 'type'));
    }
    let setters = settersPhrase(podBad !== undefined, names);
    const valueList = [...sortedSet(values), ...annotations.map((a) => a.text)];
    if (annotations.length > 0) setters = [setters, pluralize('annotation', 'annotations', annotations.length)].filter(Boolean).join(' and ');
    if (!setters) return undefined;
    return {
      reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
      detail: `${setters} must not set AppArmor profile type to ${joinQuote(valueList)}`,
      fields: [...fields, ...annotations.map((a) => a.field)],
    };
  },
};

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

const seLinuxOptions: PodSecurityControl = {
  id: 'seLinuxOptions',
  level: 'baseline',
  check(pod, versions) {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const fields: JsonPath[] = [];
    const invalid = (sc: Record<string, unknown> | undefined, at: JsonPath): boolean => {
      const opts = child(sc, 'seLinuxOptions');
      if (!opts) return false;
      let bad = false;
      const type = typeof opts.type === 'string' ? opts.type : '';
      if (!SELINUX_TYPES.has(type) && !(versions.policy >= 31 && type === 'container_engine_t')) {
        badTypes.push(type);
        fields.push([...at, 'seLinuxOptions', 'type']);
        bad = true;
      }
      for (const key of ['user', 'role'] as const) {
        if (typeof opts[key] !== 'string' || opts[key] === '') continue;
        if (key === 'user') setUser = true;
        else setRole = true;
        fields.push([...at, 'seLinuxOptions', key]);
        bad = true;
      }
      return bad;
    };
    const podBad = invalid(podSecurityContext(pod), POD_SC);
    const names = pod.containers.filter((c) => invalid(securityContext(c), [...c.path, 'securityContext'])).map((c) => c.name);
    if (!podBad && names.length === 0) return undefined;
    const data: string[] = [];
    // As in the plugin, user and role are only named when a type is also forbidden.
    const types = sortedSet(badTypes);
    if (types.length > 0) {
      data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
      if (setUser) data.push('user may not be set');
      if (setRole) data.push('role may not be set');
    }
    return { reason: 'seLinuxOptions', detail: `${settersPhrase(podBad, names)} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, fields };
  },
};

const procMount: PodSecurityControl = {
  id: 'procMount',
  level: 'baseline',
  check(pod, versions) {
    if (versions.policy >= 35 && inUserNamespace(pod)) return undefined;
    return procMountFinding(pod);
  },
};

const SECCOMP_ANNOTATION_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_ANNOTATION_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';

const seccompProfileBaseline: PodSecurityControl = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  check(pod, versions) {
    if (versions.policy >= 19) return badSeccompFinding(pod);
    const valid = (v: unknown): boolean => v === 'runtime/default' || v === 'docker/default' || (typeof v === 'string' && v.startsWith('localhost/'));
    const bad: { text: string; field: JsonPath }[] = [];
    const keys = [SECCOMP_ANNOTATION_POD, ...pod.containers.map((c) => SECCOMP_ANNOTATION_CONTAINER + c.name)];
    for (const key of new Set(keys)) {
      const v = pod.annotations[key];
      if (v !== undefined && !valid(v)) bad.push({ text: `${key}=${goQuote(String(v))}`, field: ['metadata', 'annotations', key] });
    }
    if (bad.length === 0) return undefined;
    const texts = sortedSet(bad.map((b) => b.text));
    return {
      reason: 'seccompProfile',
      detail: `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`,
      fields: bad.map((b) => b.field),
    };
  },
};

const SAFE_SYSCTLS: readonly [number, readonly string[]][] = [
  [
    0,
    ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
];

/** Sysctls the baseline policy allows at a policy version. */
export function safeSysctls(policy: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([since]) => policy >= since).flatMap(([, names]) => names));
}

const sysctls: PodSecurityControl = {
  id: 'sysctls',
  level: 'baseline',
  check(pod, versions) {
    const safe = safeSysctls(versions.policy);
    const list = podSecurityContext(pod)?.sysctls;
    const names: string[] = [];
    const fields: JsonPath[] = [];
    (Array.isArray(list) ? list : []).forEach((s: unknown, i: number) => {
      if (!isRecord(s) || typeof s.name !== 'string' || safe.has(s.name)) return;
      names.push(s.name);
      fields.push([...POD_SC, 'sysctls', i, 'name']);
    });
    if (names.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: names.join(', '), fields };
  },
};

const windowsHostProcess: PodSecurityControl = {
  id: 'windowsHostProcess',
  level: 'baseline',
  check(pod) {
    const set = (sc: Record<string, unknown> | undefined): boolean => child(sc, 'windowsOptions')?.hostProcess === true;
    const podBad = set(podSecurityContext(pod));
    const bad = pod.containers.filter((c) => set(securityContext(c)));
    if (!podBad && bad.length === 0) return undefined;
    const fields: JsonPath[] = bad.map((c) => scPath(c, 'windowsOptions', 'hostProcess'));
    if (podBad) fields.unshift([...POD_SC, 'windowsOptions', 'hostProcess']);
    return {
      reason: 'hostProcess',
      detail: `${settersPhrase(
        podBad,
        bad.map((c) => c.name),
      )} must not set securityContext.windowsOptions.hostProcess=true`,
      fields,
    };
  },
};

/** Baseline controls; the evaluator orders all controls by id, as the admission plugin does. */
export const BASELINE_CONTROLS: readonly PodSecurityControl[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
];
