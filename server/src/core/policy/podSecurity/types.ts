import type { JsonPath } from '../../model/locate';

/** The Pod Security Standards levels, least to most restrictive. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** A level with the policy version it is evaluated at, as a namespace label pins it. */
export interface LevelVersion {
  level: PodSecurityLevel;
  /** A minor version of Kubernetes 1.x, or 'latest'. */
  version: number | 'latest';
}

/** One container as the policy sees it, with its JSON path inside the pod (`['spec', 'containers', 0]`). */
export interface PolicyContainer {
  name: string;
  path: JsonPath;
  container: Record<string, unknown>;
}

/** A pod (or a pod template) as the policy reads it. Paths are relative to the pod object. */
export interface PolicyPod {
  annotations: Record<string, unknown>;
  spec: Record<string, unknown>;
  /** initContainers, containers, then ephemeralContainers: the order the admission plugin visits them. */
  containers: PolicyContainer[];
}

/** What one control found: the admission plugin's reason and detail, and the fields that caused it. */
export interface ControlFinding {
  reason: string;
  detail: string;
  /** Offending fields (or, for a required field that is missing, the field that should be set). */
  fields: JsonPath[];
  /** Containers that a restricted securityContext would fix (for the quick fix). */
  fixableContainers?: JsonPath[];
}

export interface PolicyVersions {
  /** The policy version the checks run at (a label's pin, bounded by the server version). */
  policy: number;
  /** The Kubernetes minor version of the API server, which decides what the checks know. */
  server: number;
}

/** One control of the Pod Security Standards (a check of the admission plugin). */
export interface PodSecurityControl {
  /** The admission plugin's check id, e.g. `allowPrivilegeEscalation`. */
  id: string;
  level: 'baseline' | 'restricted';
  /** First policy version the control exists in (default: always). */
  since?: number;
  /** Baseline controls this restricted control replaces. */
  overrides?: readonly string[];
  check(pod: PolicyPod, versions: PolicyVersions): ControlFinding | undefined;
}
