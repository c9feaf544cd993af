import type { JsonPath } from '../../model/locate';

/** The securityContext settings the restricted level requires of every container (YAML text values). */
export const RESTRICTED_CONTAINER_SETTINGS: readonly [string, string][] = [
  ['allowPrivilegeEscalation', 'false'],
  ['runAsNonRoot', 'true'],
  ['capabilities', '{drop: [ALL]}'],
  ['seccompProfile', '{type: RuntimeDefault}'],
];

/**
 * A quick fix (data for core/features/codeActions) that adds the restricted securityContext to the given
 * containers (paths relative to the pod object at `podPath`). Existing capabilities and seccomp profiles
 * are left as they are.
 */
export function restrictedContainerFix(
  podPath: JsonPath,
  containers: readonly JsonPath[],
): { title: string; edits: { path: JsonPath; entries: [string, string][] }[]; keepExisting: string[] } | undefined {
  if (containers.length === 0) return undefined;
  return {
    title:
      containers.length === 1 ? 'Add the restricted securityContext to the container' : `Add the restricted securityContext to ${containers.length} containers`,
    edits: containers.map((c) => ({
      path: [...podPath, ...c, 'securityContext'],
      entries: RESTRICTED_CONTAINER_SETTINGS.map(([k, v]) => [k, v] as [string, string]),
    })),
    keepExisting: ['capabilities', 'seccompProfile'],
  };
}
