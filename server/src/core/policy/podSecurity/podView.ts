import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { PolicyContainer, PolicyPod } from './types';

const VISIT_ORDER = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Reads a pod object (`{metadata, spec}`: a Pod or a pod template) the way the admission plugin visits it. */
export function policyPod(pod: Record<string, unknown>): PolicyPod {
  const metadata = isRecord(pod.metadata) ? pod.metadata : {};
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const containers: PolicyContainer[] = [];
  for (const list of VISIT_ORDER) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isRecord(container)) return;
      containers.push({ name: typeof container.name === 'string' ? container.name : '', path: ['spec', list, index], container });
    });
  }
  return { annotations: isRecord(metadata.annotations) ? metadata.annotations : {}, spec, containers };
}

/** A mapping at a path below a record, or undefined. */
export function child(root: Record<string, unknown> | undefined, ...path: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const step of path) node = isRecord(node) ? node[step] : undefined;
  return isRecord(node) ? node : undefined;
}

export function podSecurityContext(pod: PolicyPod): Record<string, unknown> | undefined {
  return child(pod.spec, 'securityContext');
}

export function securityContext(c: PolicyContainer): Record<string, unknown> | undefined {
  return child(c.container, 'securityContext');
}

export const POD_SC: JsonPath = ['spec', 'securityContext'];

export function scPath(c: PolicyContainer, ...rest: (string | number)[]): JsonPath {
  return [...c.path, 'securityContext', ...rest];
}

/** Pods with `spec.os.name: windows` are exempt from the Linux-only restricted controls (policy 1.25+). */
export function isWindowsPod(pod: PolicyPod): boolean {
  return child(pod.spec, 'os')?.name === 'windows';
}

/** `hostUsers: false` (user namespaces) relaxes some controls from policy 1.35. */
export function inUserNamespace(pod: PolicyPod): boolean {
  return pod.spec.hostUsers === false;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
