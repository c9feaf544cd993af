/**
 * The narrow interfaces the editor features need from the schema layer and the workspace index.
 * Features depend on these ports only; adapters (features/adapters/) connect them to the real layers,
 * so each side can change without the other.
 */
import type { JsonPath } from '../model/locate';
import type { Resource } from '../model/resource';
import type { IndexedResource, ObjectDefinition, PodTemplate } from '../workspace/model';

/**
 * Value type of a field as editors care about it. `map` is an object with free-form keys
 * (labels, annotations, ConfigMap data, resource limits); `object` has named properties.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'map' | 'array' | 'int-or-string' | 'quantity' | 'any';

/** Documentation of one field of a kind's schema. */
export interface FieldInfo {
  /** The last step of the path (the property name; '' for the kind's root). */
  name: string;
  type: FieldType;
  /** For arrays: the type of the items; for maps: the type of the values. */
  itemType?: FieldType;
  description?: string;
  /** Whether the parent object requires this field. */
  required: boolean;
  default?: unknown;
  /** Allowed values (for arrays and maps: of the items or values). */
  enum?: readonly string[];
  /** Name of the field's type in the API reference (e.g. `Container`, `ObjectMeta`). */
  typeName?: string;
}

/** A kind served by a Kubernetes version (or defined by a CRD in the workspace). */
export interface KindInfo {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  description?: string;
  /** Served but deprecated in this version. */
  deprecated?: boolean;
  /** The apiVersion to prefer when a kind is served by several (the stable one). */
  preferred?: boolean;
}

/** Field documentation per Kubernetes version, apiVersion, kind and JSON path. */
export interface SchemaDocs {
  /** The field at `path` (numbers step into list items, other strings into map values); [] is the kind itself. */
  field(version: string, apiVersion: string, kind: string, path: JsonPath): FieldInfo | undefined;
  /** The properties of the object at `path` (of the items, for a list). Empty for scalars and maps. */
  children(version: string, apiVersion: string, kind: string, path: JsonPath): readonly FieldInfo[];
  /** Every kind the version serves, built-in first. */
  kinds(version: string): readonly KindInfo[];
  /** Link to the API reference of the kind in that version. */
  referenceUrl(version: string, apiVersion: string, kind: string): string | undefined;
}

/**
 * The workspace as features read it: resources with their effective namespaces, objects by kind and
 * name, pod templates. Shapes are the workspace index's own (workspace/model.ts).
 */
export interface WorkspaceLookup {
  /** Every Kubernetes resource of the workspace (Helm templates and Kustomize patches excluded). */
  resources(): Iterable<IndexedResource>;
  /** The workspace entry of a resource of an indexed file (matched by uri and document index). */
  entryOf(resource: Resource): IndexedResource | undefined;
  /** Objects of `kind` named `name` placed in `namespace` ('' = cluster-scoped), built-in objects included. */
  definitionsNamed(kind: string, namespace: string, name: string): readonly ObjectDefinition[];
  /** Objects of `kind` placed in `namespace` ('' = cluster-scoped). */
  definitionsOfKind(kind: string, namespace: string): readonly ObjectDefinition[];
  /** Pod templates (and bare Pods) placed in `namespace`. */
  templatesIn(namespace: string): Iterable<PodTemplate>;
}

/** What every feature reads besides the file: the schema docs, the workspace and the chosen version. */
export interface FeatureEnvironment {
  schema: SchemaDocs;
  workspace: WorkspaceLookup;
  kubernetesVersion: string;
}
