/**
 * What cross-resource checks may ask the workspace, and how they report. Checks never compute
 * ranges: they report JSON paths of the checked resource; related locations come from the index.
 */
import { problemToDiagnostic } from '../../analysis/analyzeFile';
import type { AnalysisSettings } from '../../analysis/settings';
import { defaultSeverity } from '../../analysis/suppressions';
import type { JsonPath } from '../../model/locate';
import type { Resource } from '../../model/resource';
import type { Diagnostic, RelatedLocation } from '../../types';
import type { CustomTypeRegistry } from '../crds';
import type { IndexedResource, ObjectDefinition, Placement, PodTemplate, Reference } from '../model';

export interface WorkspaceQueries {
  /**
   * Objects of `kind` named `name` with a placement in `namespace` ('' = cluster-scoped), built-ins
   * included; `namespace` '*' means any namespace (built-ins excluded).
   */
  definitionsNamed(kind: string, namespace: string, name: string): ObjectDefinition[];
  /** All objects of `kind` with a placement in `namespace`, built-ins excluded. */
  definitionsOfKind(kind: string, namespace: string): ObjectDefinition[];
  /**
   * Pod templates with a placement in `namespace`; with `label`, only those whose pods may carry it
   * (written in the template, or a label the controller adds under that key).
   */
  templatesIn(namespace: string, label?: [string, string]): Iterable<PodTemplate>;
  /** Pod templates of any namespace whose written labels have the key. */
  templatesAnywhere(labelKey: string): Iterable<PodTemplate>;
  readonly customTypes: CustomTypeRegistry;
}

export interface CrossCheckContext {
  queries: WorkspaceQueries;
  kubernetesVersion: string;
  /** The analysis settings (Pod Security default level, presets). */
  settings: AnalysisSettings;
  /** Whether a rule is enabled (not set to "off"; pack rules: enabled by a preset). */
  enabled(rule: string): boolean;
  report(diagnostic: Diagnostic): void;
  /** Records that the diagnostics depend on a dependency key beyond the file's static ones (facts.ts). */
  use(key: string): void;
}

/** Kubernetes references never cross builds; a file outside Kustomize sees every build. */
export function buildsCompatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** True when `target` has a placement in `namespace` visible from the referring placement. */
export function visibleFrom(target: { placements: readonly Placement[] }, from: Placement, namespace: string): boolean {
  return target.placements.some((p) => p.namespace === namespace && buildsCompatible(from.build, p.build));
}

/** The namespaces a reference looks in, one per placement of the referring resource. */
export function lookupsOf(ref: Reference, referrer: IndexedResource): { placement: Placement; namespace: string }[] {
  if (ref.explicitNamespace || ref.targetNamespace === '') {
    return referrer.placements.map((placement) => ({ placement, namespace: ref.targetNamespace }));
  }
  return referrer.placements.map((placement) => ({ placement, namespace: placement.namespace }));
}

export function diagnostic(resource: Resource, rule: string, path: JsonPath, message: string, options: { target?: 'key' | 'value'; related?: RelatedLocation[]; suggestion?: string; data?: Record<string, unknown> } = {}): Diagnostic {
  return problemToDiagnostic(resource, rule, defaultSeverity(rule), { path, message, target: options.target, related: options.related, suggestion: options.suggestion, data: options.data });
}

/** A related location pointing at a definition, when it has one. */
export function relatedTo(def: ObjectDefinition, message: string): RelatedLocation[] {
  return def.uri && def.range ? [{ uri: def.uri, range: def.range, message }] : [];
}
