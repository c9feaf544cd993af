/**
 * The opt-in best-practice pack: checks named after kube-linter's, off unless a preset or the rule
 * itself is enabled (settings `shipshape.presets`, `.shipshape.yaml` `presets`, CLI `--enable`).
 */
import type { JsonPath } from '../../model/locate';
import type { Resource } from '../../model/resource';
import type { Severity } from '../../types';
import type { CheckContext, DocumentCheck, Problem } from '../check';
import { containersOf, podSpecOf, type ContainerSite, type PodSpecSite } from '../util/podSpecs';
import { recordAt } from '../util/kinds';

export type PackPreset = 'best-practices' | 'security';

/** Rule metadata of a pack rule, for the catalog and the presets. */
export interface PackRule {
  id: string;
  title: string;
  preset: PackPreset;
  defaultSeverity: Severity;
  crossResource: boolean;
}

export interface PackCheck extends DocumentCheck {
  title: string;
  preset: PackPreset;
}

/** A pack rule checked one document at a time. */
export function packCheck(def: {
  id: string;
  title: string;
  preset: PackPreset;
  description: string;
  kinds?: readonly string[];
  severity?: Severity;
  check(ctx: CheckContext): void;
}): PackCheck {
  return {
    id: def.id,
    name: def.id,
    title: def.title,
    preset: def.preset,
    description: def.description,
    defaultSeverity: def.severity ?? 'warning',
    kinds: def.kinds,
    check: def.check,
  };
}

/** Kinds that carry a pod spec (a Pod's or a template's). */
export const POD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob'] as const;

/** A quick fix carried by a problem: set `entries` (YAML text values) in the mapping at each path. */
export interface DataFix {
  title: string;
  edits: { path: JsonPath; entries: [string, string][] }[];
}

export function withFix(problem: Problem, fix: DataFix): Problem {
  return { ...problem, data: { ...problem.data, fix } };
}

/** The pod spec of a Pod or workload (PodTemplate objects create no pods and are skipped). */
export function podSite(resource: Resource): PodSpecSite | undefined {
  const site = podSpecOf(resource);
  return site && site.owner !== 'PodTemplate' ? site : undefined;
}

export type ContainerScope = 'regular' | 'regular-and-init';

/** The containers of a pod spec: regular ones, or regular and init (ephemeral containers are debugging tools). */
export function podContainers(site: PodSpecSite, scope: ContainerScope = 'regular-and-init'): ContainerSite[] {
  return containersOf(site).filter((c) => c.list === 'containers' || (scope === 'regular-and-init' && c.list === 'initContainers'));
}

/** Calls `fn` for each container of the resource's pod spec. */
export function forEachContainer(ctx: CheckContext, scope: ContainerScope, fn: (c: ContainerSite, site: PodSpecSite) => void): void {
  const site = podSite(ctx.resource);
  if (!site) return;
  for (const c of podContainers(site, scope)) fn(c, site);
}

export function containerName(c: ContainerSite): string {
  return typeof c.container.name === 'string' ? c.container.name : `#${c.index}`;
}

export function containerSecurityContext(c: ContainerSite): Record<string, unknown> | undefined {
  return recordAt(c.container, ['securityContext']);
}

/** A securityContext setting of the container, else the pod's (for the fields both levels have). */
export function effectiveSetting(site: PodSpecSite, c: ContainerSite, key: string): unknown {
  const own = containerSecurityContext(c)?.[key];
  return own !== undefined ? own : recordAt(site.spec, ['securityContext'])?.[key];
}

/** Where a missing container setting belongs: inside its securityContext if there is one, else on its name. */
export function containerSettingPath(c: ContainerSite, key: string): JsonPath {
  return containerSecurityContext(c) ? [...c.path, 'securityContext', key] : [...c.path, 'name'];
}

/** A fix that sets one securityContext field of a container. */
export function securityContextFix(c: ContainerSite, title: string, key: string, value: string): DataFix {
  return { title, edits: [{ path: [...c.path, 'securityContext'], entries: [[key, value]] }] };
}
