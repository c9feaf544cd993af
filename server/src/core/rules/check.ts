import type { JsonPath } from '../model/locate';
import type { Resource } from '../model/resource';
import type { RelatedLocation, Severity } from '../types';

/** A problem found by a document check, located by JSON path inside the resource. */
export interface Problem {
  path: JsonPath;
  /** Underline the key (unknown field, missing child) or the value (bad value). Default: value. */
  target?: 'key' | 'value';
  message: string;
  /** A replacement value or key for quick fixes ("did you mean"). */
  suggestion?: string;
  related?: RelatedLocation[];
  /** Overrides the check's default severity for this one problem. */
  severity?: Severity;
  data?: Record<string, unknown>;
}

export interface CheckContext {
  resource: Resource;
  /** "1.36" */
  kubernetesVersion: string;
  /** True for Kustomize patches: partial objects, so required-field rules stay quiet. */
  isPatch: boolean;
  report(problem: Problem): void;
}

/**
 * One check = one module exporting a DocumentCheck. Several checks may share a rule id
 * (all API-server value rules report as `invalid-value`); `name` identifies the check itself.
 */
export interface DocumentCheck {
  /** The rule id diagnostics carry (a contract). */
  id: string;
  /** Unique name of this check, kebab-case. */
  name: string;
  /** One sentence: what it rejects and why. */
  description: string;
  defaultSeverity: Severity;
  /** When set, the check only runs on these kinds. */
  kinds?: readonly string[];
  check(ctx: CheckContext): void;
}
