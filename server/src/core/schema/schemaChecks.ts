import type { Resource } from '../model/resource';
import type { Problem } from '../rules/check';

/** A problem from the schema layer, carrying its rule id (schema, unknown-kind, removed-api, deprecated-api). */
export interface RuleProblem extends Problem {
  id: string;
}

/** Custom kinds defined by CustomResourceDefinitions in the workspace. */
export interface CustomKindRegistry {
  /** True when a CRD in the workspace defines group/version/kind. */
  hasKind(group: string, version: string, kind: string): boolean;
  /** True when a CRD defines the group at all (any version or kind). */
  hasGroup?(group: string): boolean;
}

export const NO_CUSTOM_KINDS: CustomKindRegistry = { hasKind: () => false };

/**
 * The schema layer as the analysis pipeline sees it: apiVersion/kind checks and schema validation
 * of one resource against the chosen Kubernetes version.
 */
export interface SchemaChecks {
  /** unknown-kind / removed-api / deprecated-api problems; `served` false means: do not validate further. */
  checkKind(resource: Resource, kubernetesVersion: string, customKinds: CustomKindRegistry): { served: boolean; problems: RuleProblem[] };
  /** `schema` problems. With ignoreRequired, missing required fields are not reported (Kustomize patches). */
  validate(resource: Resource, kubernetesVersion: string, options: { ignoreRequired: boolean }): RuleProblem[];
}
