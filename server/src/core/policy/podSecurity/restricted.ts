/**
 * The restricted controls of the Pod Security Standards (on top of baseline, replacing the baseline
 * controls they override), with the admission plugin's reasons and details.
 */
import type { JsonPath } from '../../model/locate';
import { addedCapabilities, badSeccompSetters, procMountFinding, settersPhrase, validSeccompType, volumes } from './shared';
import { child, inUserNamespace, isWindowsPod, podSecurityContext, POD_SC, scPath, securityContext, stringList } from './podView';
import type { PodSecurityControl, PolicyContainer } from './types';
import { containersPhrase, joinQuote, pluralize, sortedSet } from './wording';

/** Linux-only controls skip Windows pods from policy 1.25. */
function windowsExempt(pod: Parameters<PodSecurityControl['check']>[0], policy: number): boolean {
  return policy >= 25 && isWindowsPod(pod);
}

/** Where a missing container setting belongs: the securityContext if present, else the container's name. */
function missingAt(c: PolicyContainer, ...rest: string[]): JsonPath {
  return securityContext(c) ? scPath(c, ...rest) : [...c.path, 'name'];
}

const allowPrivilegeEscalation: PodSecurityControl = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  since: 8,
  check(pod, versions) {
    if (windowsExempt(pod, versions.policy)) return undefined;
    const bad = pod.containers.filter((c) => securityContext(c)?.allowPrivilegeEscalation !== false);
    if (bad.length === 0) return undefined;
    return {
      reason: 'allowPrivilegeEscalation != false',
      detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
      fields: bad.map((c) => missingAt(c, 'allowPrivilegeEscalation')),
      fixableContainers: bad.map((c) => c.path),
    };
  },
};

const capabilitiesRestricted: PodSecurityControl = {
  id: 'capabilities_restricted',
  level: 'restricted',
  since: 22,
  overrides: ['capabilities_baseline'],
  check(pod, versions) {
    if (windowsExempt(pod, versions.policy)) return undefined;
    const missingDrop = pod.containers.filter((c) => !stringList(child(securityContext(c), 'capabilities')?.drop).includes('ALL'));
    const adding = addedCapabilities(pod, (cap) => cap === 'NET_BIND_SERVICE');
    const details: string[] = [];
    if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop.map((c) => c.name))} must set securityContext.capabilities.drop=["ALL"]`);
    if (adding.names.length > 0)
      details.push(`${containersPhrase(adding.names)} must not include ${joinQuote(adding.caps)} in securityContext.capabilities.add`);
    if (details.length === 0) return undefined;
    return {
      reason: 'unrestricted capabilities',
      detail: details.join('; '),
      fields: [...missingDrop.map((c) => missingAt(c, 'capabilities')), ...adding.fields],
      fixableContainers: missingDrop.map((c) => c.path),
    };
  },
};

const procMountRestricted: PodSecurityControl = {
  id: 'procMount_restricted',
  level: 'restricted',
  since: 35,
  overrides: ['procMount'],
  check: (pod) => procMountFinding(pod),
};

const ALLOWED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** Restricted volume sources in the order the plugin names them. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

const restrictedVolumes: PodSecurityControl = {
  id: 'restrictedVolumes',
  level: 'restricted',
  overrides: ['hostPathVolumes'],
  check(pod, versions) {
    const names: string[] = [];
    const types: string[] = [];
    const fields: JsonPath[] = [];
    for (const { volume, index } of volumes(pod)) {
      const present = (key: string): boolean => volume[key] !== undefined && volume[key] !== null;
      // Image volumes are allowed by API servers from 1.33 on.
      if ([...ALLOWED_VOLUME_SOURCES].some(present) || (versions.server >= 33 && present('image'))) continue;
      const type = RESTRICTED_VOLUME_SOURCES.find(present) ?? 'unknown';
      names.push(String(volume.name ?? ''));
      types.push(type);
      fields.push(['spec', 'volumes', index, ...(type === 'unknown' ? ['name'] : [type])]);
    }
    if (names.length === 0) return undefined;
    const typeList = sortedSet(types);
    return {
      reason: 'restricted volume types',
      detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
      fields,
    };
  },
};

const runAsNonRoot: PodSecurityControl = {
  id: 'runAsNonRoot',
  level: 'restricted',
  check(pod, versions) {
    if (versions.policy >= 35 && inUserNamespace(pod)) return undefined;
    const podValue = podSecurityContext(pod)?.runAsNonRoot;
    const podBad = podValue === false;
    const podTrue = podValue === true;
    const explicit: PolicyContainer[] = [];
    const implicit: PolicyContainer[] = [];
    for (const c of pod.containers) {
      const value = securityContext(c)?.runAsNonRoot;
      if (value === false) explicit.push(c);
      else if (value !== true && !podTrue) implicit.push(c);
    }
    if (podBad || explicit.length > 0) {
      const fields: JsonPath[] = explicit.map((c) => scPath(c, 'runAsNonRoot'));
      if (podBad) fields.unshift([...POD_SC, 'runAsNonRoot']);
      return {
        reason: 'runAsNonRoot != true',
        detail: `${settersPhrase(
          podBad,
          explicit.map((c) => c.name),
        )} must not set securityContext.runAsNonRoot=false`,
        fields,
      };
    }
    if (implicit.length === 0) return undefined;
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.runAsNonRoot=true`,
      fields: implicit.map((c) => missingAt(c, 'runAsNonRoot')),
      fixableContainers: implicit.map((c) => c.path),
    };
  },
};

const runAsUser: PodSecurityControl = {
  id: 'runAsUser',
  level: 'restricted',
  since: 23,
  check(pod, versions) {
    if (versions.policy >= 35 && inUserNamespace(pod)) return undefined;
    const podBad = podSecurityContext(pod)?.runAsUser === 0;
    const bad = pod.containers.filter((c) => securityContext(c)?.runAsUser === 0);
    if (!podBad && bad.length === 0) return undefined;
    const fields: JsonPath[] = bad.map((c) => scPath(c, 'runAsUser'));
    if (podBad) fields.unshift([...POD_SC, 'runAsUser']);
    return {
      reason: 'runAsUser=0',
      detail: `${settersPhrase(
        podBad,
        bad.map((c) => c.name),
      )} must not set runAsUser=0`,
      fields,
    };
  },
};

const seccompProfileRestricted: PodSecurityControl = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  since: 19,
  overrides: ['seccompProfile_baseline'],
  check(pod, versions) {
    if (windowsExempt(pod, versions.policy)) return undefined;
    const { podBad, names, values, fields, explicit } = badSeccompSetters(pod);
    if (podBad || names.length > 0) {
      return {
        reason: 'seccompProfile',
        detail: `${settersPhrase(podBad, names)} must not set securityContext.seccompProfile.type to ${joinQuote(values)}`,
        fields,
      };
    }
    const podSet = validSeccompType(child(podSecurityContext(pod), 'seccompProfile')?.type);
    const implicit = podSet ? [] : pod.containers.filter((c) => !explicit.has(c));
    if (implicit.length === 0) return undefined;
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      fields: implicit.map((c) => missingAt(c, 'seccompProfile')),
      fixableContainers: implicit.map((c) => c.path),
    };
  },
};

export const RESTRICTED_CONTROLS: readonly PodSecurityControl[] = [
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];
