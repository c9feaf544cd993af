/** Pieces shared by baseline and restricted controls. */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import { child, podSecurityContext, POD_SC, scPath, securityContext, stringList } from './podView';
import type { ControlFinding, PolicyContainer, PolicyPod } from './types';
import { containersPhrase, joinQuote, sortedSet } from './wording';

/** Setters joined the plugin's way: `pod and containers "a", "b"`. */
export function settersPhrase(pod: boolean, containers: readonly string[]): string {
  const setters = pod ? ['pod'] : [];
  if (containers.length > 0) setters.push(containersPhrase(containers));
  return setters.join(' and ');
}

/** Containers adding capabilities outside `allowed`, the capabilities, and the offending list items. */
export function addedCapabilities(pod: PolicyPod, allowed: (cap: string) => boolean): { names: string[]; caps: string[]; fields: JsonPath[] } {
  const names: string[] = [];
  const caps: string[] = [];
  const fields: JsonPath[] = [];
  for (const c of pod.containers) {
    const add = child(securityContext(c), 'capabilities')?.add;
    let bad = false;
    stringList(add).forEach((cap, i) => {
      if (allowed(cap)) return;
      bad = true;
      caps.push(cap);
      fields.push(scPath(c, 'capabilities', 'add', i));
    });
    if (bad) names.push(c.name);
  }
  return { names, caps: sortedSet(caps), fields };
}

export function volumes(pod: PolicyPod): { volume: Record<string, unknown>; index: number }[] {
  const list = pod.spec.volumes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((volume, index) => (isRecord(volume) ? [{ volume, index }] : []));
}

/** `procMount` other than Default (the restricted form; baseline relaxes it for user-namespace pods from 1.35). */
export function procMountFinding(pod: PolicyPod): ControlFinding | undefined {
  const names: string[] = [];
  const types: string[] = [];
  const fields: JsonPath[] = [];
  for (const c of pod.containers) {
    const mount = securityContext(c)?.procMount;
    if (mount === undefined || mount === null || mount === 'Default') continue;
    names.push(c.name);
    types.push(String(mount));
    fields.push(scPath(c, 'procMount'));
  }
  if (names.length === 0) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(names)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`, fields };
}

export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Explicitly bad seccomp profile types: `pod and containers "a" must not set … to "Unconfined"`. */
export function badSeccompSetters(pod: PolicyPod): { podBad: boolean; names: string[]; values: string[]; fields: JsonPath[]; explicit: Set<PolicyContainer> } {
  const values: string[] = [];
  const fields: JsonPath[] = [];
  const explicit = new Set<PolicyContainer>();
  const podProfile = child(podSecurityContext(pod), 'seccompProfile');
  const podBad = !!podProfile && !validSeccompType(podProfile.type);
  if (podBad) {
    values.push(String(podProfile.type ?? ''));
    fields.push([...POD_SC, 'seccompProfile', 'type']);
  }
  const names: string[] = [];
  for (const c of pod.containers) {
    const profile = child(securityContext(c), 'seccompProfile');
    if (!profile) continue;
    explicit.add(c);
    if (validSeccompType(profile.type)) continue;
    names.push(c.name);
    values.push(String(profile.type ?? ''));
    fields.push(scPath(c, 'seccompProfile', 'type'));
  }
  return { podBad, names, values: sortedSet(values), fields, explicit };
}

export function badSeccompFinding(pod: PolicyPod): ControlFinding | undefined {
  const { podBad, names, values, fields } = badSeccompSetters(pod);
  if (!podBad && names.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${settersPhrase(podBad, names)} must not set securityContext.seccompProfile.type to ${joinQuote(values)}`,
    fields,
  };
}
