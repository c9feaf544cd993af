import type { JsonPath } from '../model/locate';
import type { Resource } from '../model/resource';
import type { FieldDoc } from './fieldDocs';
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

/** An apiVersion/kind a Kubernetes version serves (for completion). */
export interface ServedKind {
  apiVersion: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Full definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  definition: string;
  /** Deprecated in this Kubernetes version (still served). */
  deprecated: boolean;
}

/** Read-only knowledge of the Kubernetes API for editor features (hover, completion, code actions). */
export interface SchemaCatalog {
  /** Generated Kubernetes versions, oldest first ("1.25" … "1.36"). */
  versions(): readonly string[];
  servedKinds(kubernetesVersion: string): ServedKind[];
  /** Documentation of the field at `path` of an apiVersion/kind; undefined when the path is not in the schema. */
  describeField(kubernetesVersion: string, apiVersion: string, kind: string, path: JsonPath): FieldDoc | undefined;
  /**
   * Allowed values of `property` in `definition` (full name such as io.k8s.api.core.v1.Container, or a short
   * name such as Container when only one definition has it); for array properties, of each item.
   */
  enumFor(definition: string, property: string, kubernetesVersion?: string): string[] | undefined;
  /** True/false for kinds the version serves, undefined otherwise. */
  isNamespaced(kubernetesVersion: string, apiVersion: string, kind: string): boolean | undefined;
  apiReferenceUrl(kubernetesVersion: string, apiVersion: string, kind: string): string;
}
