import type { JsonPath } from '../../model/locate';
import { isRecord, type Resource } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, recordItems } from '../util/kinds';
import { checkLabelMap } from '../util/labels';
import { duplicateValue, forbidden, invalidValue, notFound, requiredValue, unsupportedValue } from '../util/messages';
import { isDNS1123Label, isDNS1123Subdomain } from '../util/names';
import { containersOf, podSpecOf, volumeNames, type ContainerSite, type PodSpecSite } from '../util/podSpecs';

/** Volume sources in the order the API server checks them: the first one found wins, later ones are forbidden. */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'quobyte',
  'cinder',
  'cephfs',
  'downwardAPI',
  'fc',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'projected',
  'scaleIO',
  'configMap',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** The kind named in "activeDeadlineSeconds in <Kind> is not Supported". */
function deadlineOwner(resource: Resource): string {
  if (isBuiltin(resource, 'StatefulSet')) return 'StatefulSet';
  if (isBuiltin(resource, 'DaemonSet')) return 'DaemonSet';
  if (isBuiltin(resource, 'ReplicationController')) return 'ReplicationController';
  return 'ReplicaSet';
}

function checkRestartPolicy(ctx: CheckContext, site: PodSpecSite): void {
  const path = [...site.path, 'restartPolicy'];
  const policy = site.spec.restartPolicy;
  const absent = policy === undefined || policy === null || policy === '';
  if (site.owner === 'ReplicaSetLike') {
    if (typeof policy === 'string' && policy !== 'Always' && RESTART_POLICIES.includes(policy)) {
      ctx.report({ path, message: unsupportedValue(path, policy, ['Always']), suggestion: 'Always' });
    }
    const deadline = site.spec.activeDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) {
      const at = [...site.path, 'activeDeadlineSeconds'];
      ctx.report({ path: at, target: 'key', message: forbidden(at, `activeDeadlineSeconds in ${deadlineOwner(ctx.resource)} is not Supported`) });
    }
  } else if (site.owner === 'Job') {
    if ((absent && !ctx.isPatch) || policy === 'Always') {
      ctx.report({
        path,
        target: absent ? 'key' : 'value',
        message: requiredValue(path, 'valid values: "OnFailure", "Never"'),
        suggestion: absent ? undefined : 'OnFailure',
      });
    }
  }
}

function checkVolumes(ctx: CheckContext, site: PodSpecSite): void {
  const seen = new Set<string>();
  for (const { item: volume, index } of recordItems(site.spec, ['volumes'])) {
    const base = [...site.path, 'volumes', index];
    const name = volume.name;
    if (name === '' && !ctx.isPatch) ctx.report({ path: [...base, 'name'], message: requiredValue([...base, 'name']) });
    else if (typeof name === 'string') {
      const errs = isDNS1123Label(name);
      for (const msg of errs) ctx.report({ path: [...base, 'name'], message: invalidValue([...base, 'name'], name, msg) });
      if (errs.length === 0 && seen.has(name)) ctx.report({ path: [...base, 'name'], message: duplicateValue([...base, 'name'], name) });
      seen.add(name);
    }
    // A volume without any source is defaulted to an emptyDir, so only extra sources are errors.
    const sources = VOLUME_SOURCES.filter((s) => volume[s] !== undefined && volume[s] !== null);
    for (const extra of sources.slice(1)) {
      ctx.report({ path: [...base, extra], target: 'key', message: forbidden([...base, extra], 'may not specify more than 1 volume type') });
    }
  }
}

/** Volumes a container may mount: the pod's volumes, plus a StatefulSet's claim templates. */
function mountableVolumes(resource: Resource, site: PodSpecSite): Set<string> {
  const names = volumeNames(site.spec);
  if (isBuiltin(resource, 'StatefulSet')) {
    for (const { item } of recordItems(resource.object, ['spec', 'volumeClaimTemplates'])) {
      const name = isRecord(item.metadata) ? item.metadata.name : undefined;
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}

function checkMounts(ctx: CheckContext, c: ContainerSite, volumes: Set<string>): void {
  const mountPaths = new Set<string>();
  for (const { item: mount, index } of recordItems(c.container, ['volumeMounts'])) {
    const base = [...c.path, 'volumeMounts', index];
    if (typeof mount.name === 'string' && mount.name.length > 0 && !volumes.has(mount.name) && !ctx.isPatch) {
      ctx.report({ path: [...base, 'name'], message: notFound([...base, 'name'], mount.name) });
    }
    if (typeof mount.mountPath === 'string' && mount.mountPath.length > 0) {
      if (mountPaths.has(mount.mountPath))
        ctx.report({ path: [...base, 'mountPath'], message: invalidValue([...base, 'mountPath'], mount.mountPath, 'must be unique') });
      mountPaths.add(mount.mountPath);
    }
    for (const key of ['subPath', 'subPathExpr']) {
      const sub = mount[key];
      if (typeof sub === 'string' && sub.length > 0) checkRelativePath(ctx, [...base, key], sub);
    }
  }
  for (const { item: device, index } of recordItems(c.container, ['volumeDevices'])) {
    const at = [...c.path, 'volumeDevices', index, 'name'];
    if (typeof device.name === 'string' && device.name.length > 0 && !volumes.has(device.name) && !ctx.isPatch) {
      ctx.report({ path: at, message: notFound(at, device.name) });
    }
  }
}

function checkRelativePath(ctx: CheckContext, path: JsonPath, value: string): void {
  if (value.startsWith('/')) ctx.report({ path, message: invalidValue(path, value, 'must be a relative path') });
  if (value.split('/').includes('..')) ctx.report({ path, message: invalidValue(path, value, "must not contain '..'") });
}

/** Host ports must be unique per pod (port, protocol and host IP), and equal the container port under hostNetwork. */
function checkHostPorts(ctx: CheckContext, site: PodSpecSite, containers: ContainerSite[]): void {
  const used = new Set<string>();
  const hostNetwork = site.spec.hostNetwork === true;
  for (const c of containers) {
    if (c.list !== 'containers') continue;
    for (const { item: port, index } of recordItems(c.container, ['ports'])) {
      const at = [...c.path, 'ports', index, 'hostPort'];
      if (typeof port.hostPort !== 'number' || port.hostPort === 0) continue;
      const protocol = typeof port.protocol === 'string' && port.protocol ? port.protocol : 'TCP';
      const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
      const key = `${port.hostPort}/${protocol}/${hostIP}`;
      if (used.has(key)) ctx.report({ path: at, message: duplicateValue(at, `${port.hostPort}/${protocol}`) });
      used.add(key);
      if (hostNetwork && typeof port.containerPort === 'number' && port.containerPort !== port.hostPort) {
        ctx.report({ path: at, message: invalidValue(at, port.hostPort, 'must match `containerPort` when `hostNetwork` is true') });
      }
    }
  }
}

function checkPodFields(ctx: CheckContext, site: PodSpecSite): void {
  const spec = site.spec;
  for (const key of ['hostname', 'subdomain']) {
    const value = spec[key];
    if (typeof value === 'string' && value.length > 0) {
      for (const msg of isDNS1123Label(value)) ctx.report({ path: [...site.path, key], message: invalidValue([...site.path, key], value, msg) });
    }
  }
  const account = spec.serviceAccountName;
  if (typeof account === 'string' && account.length > 0) {
    const at = [...site.path, 'serviceAccountName'];
    for (const msg of isDNS1123Subdomain(account)) ctx.report({ path: at, message: invalidValue(at, account, msg) });
  }
  if (spec.dnsPolicy === 'None' && !isRecord(spec.dnsConfig) && !ctx.isPatch) {
    const at = [...site.path, 'dnsConfig'];
    ctx.report({ path: [...site.path, 'dnsPolicy'], message: requiredValue(at, 'must provide `dnsConfig` when `dnsPolicy` is None') });
  }
  checkLabelMap(ctx.report, [...site.path, 'nodeSelector'], spec.nodeSelector);
}

export const podSpecCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'pod-spec',
  description: 'Pod-level rules: restart policies per controller, volumes and the mounts that name them, host ports, hostname and DNS settings.',
  defaultSeverity: 'error',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    const containers = containersOf(site);
    checkRestartPolicy(ctx, site);
    checkVolumes(ctx, site);
    const volumes = mountableVolumes(ctx.resource, site);
    for (const c of containers) checkMounts(ctx, c, volumes);
    checkHostPorts(ctx, site, containers);
    checkPodFields(ctx, site);
  },
};
