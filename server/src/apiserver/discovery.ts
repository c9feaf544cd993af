import { groupVersion, groupVersions, RESOURCES, subresourceKind, subresourceVerbs } from './registry';
import { notFoundPath } from './router';

/** Discovery documents (the legacy, per-group-version form every client understands). */

export const SERVED_MAJOR = '1';
export const SERVED_MINOR = '32';
export const SERVED_VERSION = `${SERVED_MAJOR}.${SERVED_MINOR}`;

export function versionInfo(): Record<string, string> {
  return {
    major: SERVED_MAJOR,
    minor: SERVED_MINOR,
    gitVersion: `v${SERVED_VERSION}.0-shipshape`,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23',
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

export function coreVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(group: string): Record<string, unknown> {
  const versions = groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: groupVersion(gv), version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function groupList(): Record<string, unknown> {
  const groups = [...new Set(groupVersions().map((gv) => gv.group))].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupEntry) };
}

export function group(name: string): Record<string, unknown> {
  if (!groupVersions().some((gv) => gv.group === name)) throw notFoundPath();
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name) };
}

export function resourceList(group: string, version: string): Record<string, unknown> {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) throw notFoundPath();
  const entries: Record<string, unknown>[] = [];
  for (const r of resources) {
    const entry: Record<string, unknown> = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames) entry.shortNames = r.shortNames;
    if (r.categories) entry.categories = r.categories;
    entries.push(entry);
    for (const sub of r.subresources ?? []) {
      const kind = subresourceKind(sub);
      const subEntry: Record<string, unknown> = {
        name: `${r.resource}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: kind?.kind ?? r.kind,
        verbs: subresourceVerbs(sub),
      };
      if (kind && kind.group !== group) {
        subEntry.group = kind.group;
        subEntry.version = kind.version;
      }
      if (sub === 'log' || sub === 'exec' || sub === 'attach' || sub === 'portforward' || sub === 'proxy')
        subEntry.kind =
          sub === 'log'
            ? 'Pod'
            : sub === 'exec'
              ? 'PodExecOptions'
              : sub === 'attach'
                ? 'PodAttachOptions'
                : sub === 'portforward'
                  ? 'PodPortForwardOptions'
                  : 'PodProxyOptions';
      entries.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: entries };
}
