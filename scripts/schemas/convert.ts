/**
 * Turns the `definitions` of a Kubernetes OpenAPI v2 spec (as converted by openapi2jsonschema and
 * published by cdk8s under kubernetes-schemas/vX.Y.0/_definitions.json) into ajv-ready JSON Schemas:
 *
 * - one shared definitions document holding every definition the authorable kinds reach,
 * - one small entry schema per apiVersion/kind that `$ref`s into it,
 * - an index apiVersion → kind → entry.
 *
 * Rules (see schemas/README.md): strict unknown fields, IntOrString and Quantity as type unions,
 * nullable optional fields, apiVersion/kind enums, only the list-type vendor extensions kept.
 */

import type { ClusterScopedKinds, KindIndex } from '../../server/src/core/schema/facts';

export type { ClusterScopedKinds, KindIndex };

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A schema node of the input (draft-04 style, as openapi2jsonschema writes it). */
export interface SourceSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, SourceSchema>;
  required?: string[];
  items?: SourceSchema;
  additionalProperties?: SourceSchema | boolean;
  enum?: JsonValue[];
  oneOf?: SourceSchema[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [key: string]: unknown;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** The regular expression Kubernetes-generated CRDs use for resource.Quantity. */
export const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** The `$id` of the shared definitions document; entry schemas refer to it by this name. */
export const DEFINITIONS_ID = '_definitions.json';
const REF_PREFIX = '#/definitions/';

/** Vendor extensions kept in the output (the runtime registers them with ajv as annotations). */
export const KEPT_EXTENSIONS = ['x-kubernetes-list-type', 'x-kubernetes-list-map-keys'] as const;

/** Keywords copied as they are; everything else is either converted explicitly or dropped. */
const COPIED_KEYWORDS = new Set<string>(['description', 'format', 'enum', ...KEPT_EXTENSIONS]);

export interface KindEntry {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  /** Full definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  definition: string;
  /** Path of the entry file inside the version folder, e.g. apps/v1/Deployment.json. */
  file: string;
  namespaced: boolean;
}

export interface ConvertedVersion {
  definitions: JsonObject;
  entries: { entry: KindEntry; schema: JsonObject }[];
  index: KindIndex;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/**
 * Kinds a user can write in a manifest: definitions with a group/version/kind and `metadata`,
 * without `*List` kinds and without the apimachinery pseudo-kinds (Status, DeleteOptions, WatchEvent...).
 */
export function authorableKinds(source: Record<string, SourceSchema>, clusterScoped: ClusterScopedKinds): KindEntry[] {
  const out: KindEntry[] = [];
  for (const [name, def] of Object.entries(source)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!gvks || name.startsWith('io.k8s.apimachinery.')) continue;
    if (!def.properties?.metadata) continue;
    for (const { group, version, kind } of gvks) {
      if (kind.endsWith('List')) continue;
      const apiVersion = apiVersionOf(group, version);
      out.push({
        apiVersion,
        group,
        version,
        kind,
        definition: name,
        file: `${group || 'core'}/${version}/${kind}.json`,
        namespaced: !(clusterScoped[group] ?? []).includes(kind),
      });
    }
  }
  out.sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind));
  return out;
}

export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

/** Every definition reachable from `roots` through `$ref`. */
export function reachableDefinitions(source: Record<string, SourceSchema>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    const def = source[name];
    if (!def) throw new Error(`Definition ${name} is referenced but not defined`);
    seen.add(name);
    collectRefs(def, pending);
  }
  return seen;
}

function collectRefs(node: SourceSchema, out: string[]): void {
  if (typeof node.$ref === 'string') out.push(refName(node.$ref));
  for (const child of Object.values(node.properties ?? {})) collectRefs(child, out);
  if (node.items) collectRefs(node.items, out);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') collectRefs(node.additionalProperties, out);
  for (const branch of node.oneOf ?? []) collectRefs(branch, out);
}

/** The non-null JSON type(s) a definition's values have, or undefined for open definitions (JSON, RawExtension-like). */
function definitionType(source: Record<string, SourceSchema>, name: string): string | string[] | undefined {
  if (name === INT_OR_STRING) return ['integer', 'string'];
  if (name === QUANTITY) return ['string', 'number'];
  const type = source[name]?.type;
  return typeof type === 'string' ? type : undefined;
}

function withNull(type: string | string[]): string[] {
  const list = Array.isArray(type) ? [...type] : [type];
  return list.includes('null') ? list : [...list, 'null'];
}

interface NodeContext {
  /** Whether null is accepted for this value (optional properties and map values; never required fields or list items). */
  nullable: boolean;
}

class Converter {
  constructor(private readonly source: Record<string, SourceSchema>) {}

  definition(name: string): JsonObject {
    const def = this.source[name];
    if (name === INT_OR_STRING) {
      return {
        description: 'IntOrString holds either an int32 or a string, e.g. a port number (8080) or a port name ("http"), or a count (1) or a percentage ("25%").',
        type: ['integer', 'string', 'null'],
      };
    }
    if (name === QUANTITY) {
      return {
        description: 'Quantity is a fixed-point number with an optional suffix: binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal (n, u, m, k, M, G, T, P, E) or an exponent (1e3). Examples: 500m, 0.5, 128Mi, 1Gi.',
        type: ['string', 'number', 'null'],
        pattern: QUANTITY_PATTERN,
      };
    }
    return this.node(def, { nullable: true });
  }

  private node(node: SourceSchema, ctx: NodeContext): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (COPIED_KEYWORDS.has(key) && value !== undefined) out[key] = value as JsonValue;
    }
    if (typeof node.$ref === 'string') {
      const target = refName(node.$ref);
      out.$ref = `#/definitions/${target}`;
      // The target definition accepts null at its root; a non-null type beside $ref rejects it here.
      const type = definitionType(this.source, target);
      if (!ctx.nullable && type !== undefined) out.type = type;
      return out;
    }
    if (node.format === 'int-or-string') {
      delete out.format;
      out.type = ctx.nullable ? ['integer', 'string', 'null'] : ['integer', 'string'];
      return out;
    }
    if (node.type !== undefined) out.type = ctx.nullable ? withNull(node.type) : node.type;
    if (node.properties) {
      const required = new Set(node.required ?? []);
      const properties: JsonObject = {};
      for (const [name, child] of Object.entries(node.properties)) {
        properties[name] = this.node(child, { nullable: !required.has(name) });
      }
      out.properties = properties;
      if (node.required?.length) out.required = [...node.required];
      if (node['x-kubernetes-preserve-unknown-fields'] !== true && node.additionalProperties === undefined) {
        out.additionalProperties = false;
      }
    }
    if (node.items) out.items = this.node(node.items, { nullable: false });
    if (node.additionalProperties !== undefined) {
      out.additionalProperties = typeof node.additionalProperties === 'boolean' ? node.additionalProperties : this.node(node.additionalProperties, { nullable: true });
    }
    if (node['x-kubernetes-preserve-unknown-fields'] === true) out['x-kubernetes-preserve-unknown-fields'] = true;
    return out;
  }
}

/** The schema of one apiVersion/kind: the shared definition plus apiVersion/kind enums. */
export function entrySchema(entry: KindEntry): JsonObject {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${entry.kind} (${entry.apiVersion})`,
    $ref: `${DEFINITIONS_ID}#/definitions/${entry.definition}`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [entry.apiVersion] },
      kind: { type: 'string', enum: [entry.kind] },
    },
    required: ['apiVersion', 'kind'],
  };
}

/** Converts one version's source definitions into the output documents (pure; no I/O). */
export function convertVersion(source: Record<string, SourceSchema>, clusterScoped: ClusterScopedKinds): ConvertedVersion {
  const kinds = authorableKinds(source, clusterScoped);
  const names = [...reachableDefinitions(source, kinds.map((k) => k.definition))].sort();
  const converter = new Converter(source);
  const definitions: JsonObject = {};
  for (const name of names) definitions[name] = converter.definition(name);
  const index: KindIndex = {};
  for (const entry of kinds) {
    (index[entry.apiVersion] ??= {})[entry.kind] = { file: entry.file, definition: entry.definition, namespaced: entry.namespaced };
  }
  return {
    definitions: { $schema: 'http://json-schema.org/draft-07/schema#', $id: DEFINITIONS_ID, definitions },
    entries: kinds.map((entry) => ({ entry, schema: entrySchema(entry) })),
    index,
  };
}
