import type { JsonPath } from '../../model/locate';
import type { CheckContext } from '../check';
import { recordAt, recordItems } from '../util/kinds';
import { containerName, packCheck, podContainers, podSite, POD_KINDS } from './packCheck';

/** hostPath volumes of the pod spec: name, host path and JSON path of `hostPath.path`. */
export function hostPathVolumes(ctx: CheckContext): { name: string; hostPath: string; path: JsonPath }[] {
  const site = podSite(ctx.resource);
  if (!site) return [];
  return recordItems(site.spec, ['volumes']).flatMap(({ item, index }) => {
    const hostPath = recordAt(item, ['hostPath'])?.path;
    return typeof hostPath === 'string' && typeof item.name === 'string'
      ? [{ name: item.name, hostPath, path: [...site.path, 'volumes', index, 'hostPath', 'path'] as JsonPath }]
      : [];
  });
}

const SENSITIVE = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr']);

function normalized(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export const dockerSock = packCheck({
  id: 'docker-sock',
  title: 'The Docker socket is mounted',
  preset: 'security',
  description: 'Access to docker.sock is full control of the node.',
  kinds: POD_KINDS,
  check(ctx) {
    for (const v of hostPathVolumes(ctx)) {
      if (v.hostPath.endsWith('docker.sock'))
        ctx.report({ path: v.path, message: `Volume '${v.name}' mounts the Docker socket (${v.hostPath}): whoever can use it controls the node.` });
    }
  },
});

export const sensitiveHostMounts = packCheck({
  id: 'sensitive-host-mounts',
  title: 'A sensitive host directory is mounted',
  preset: 'security',
  description: 'Mounting /, /boot, /dev, /etc, /lib, /proc, /sys or /usr of the node exposes or lets one change the host.',
  kinds: POD_KINDS,
  check(ctx) {
    for (const v of hostPathVolumes(ctx)) {
      if (SENSITIVE.has(normalized(v.hostPath)))
        ctx.report({ path: v.path, message: `Volume '${v.name}' mounts the host's ${normalized(v.hostPath)} directory.` });
    }
  },
});

export const writableHostMount = packCheck({
  id: 'writable-host-mount',
  title: 'A host path is mounted writable',
  preset: 'security',
  description: 'A writable hostPath mount lets the container change files on the node.',
  kinds: POD_KINDS,
  check(ctx) {
    const site = podSite(ctx.resource);
    const hostVolumes = new Set(hostPathVolumes(ctx).map((v) => v.name));
    if (!site || hostVolumes.size === 0) return;
    for (const c of podContainers(site)) {
      for (const { item, index } of recordItems(c.container, ['volumeMounts'])) {
        if (typeof item.name !== 'string' || !hostVolumes.has(item.name) || item.readOnly === true) continue;
        const path = [...c.path, 'volumeMounts', index];
        ctx.report({
          path: [...path, 'name'],
          message: `Container '${containerName(c)}' mounts host path volume '${item.name}' writable.`,
          data: { fix: { title: `Mount '${item.name}' read-only`, edits: [{ path, entries: [['readOnly', 'true']] }] } },
        });
      }
    }
  },
});
