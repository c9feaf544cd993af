import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import type { Range } from '../types';
import { nodeRange, type JsonPath } from './locate';

/**
 * A Kubernetes object found in a YAML document: anything with string apiVersion and kind. The items
 * of a list document (`kind: List`, `kind: ConfigMapList`) are resources of their own, the way
 * kubectl sends them; the list itself is not one.
 */
export interface Resource {
  uri: string;
  documentIndex: number;
  /** Index in the `items` of the list document holding the object; undefined for a whole document. */
  listItem?: number;
  apiVersion: string;
  kind: string;
  /** API group: '' for the core group. */
  group: string;
  version: string;
  /** metadata.name, or undefined when absent (or generateName is used). */
  name?: string;
  /** metadata.namespace exactly as written; effective namespaces are the workspace's business. */
  namespace?: string;
  /** The plain JS object (never mutated). */
  object: Record<string, unknown>;
  parsed: ParsedDocument;
  file: ParsedFile;
  /** The whole document (or list item), for outline and code lenses. */
  range: Range;
}

/** True when two resources are the same object of the same file (document and list item). */
export function sameResource(a: Resource, b: Resource): boolean {
  return a.uri === b.uri && a.documentIndex === b.documentIndex && a.listItem === b.listItem;
}

/** "3" for a document, "3.1" for the second item of a list document: unique within a file. */
export function resourcePosition(resource: Pick<Resource, 'documentIndex' | 'listItem'>): string {
  return resource.listItem === undefined ? String(resource.documentIndex) : `${resource.documentIndex}.${resource.listItem}`;
}

/** Where the resource's own fields start inside its document: [] or ['items', i]. */
export function documentPath(resource: Pick<Resource, 'listItem'>, path: JsonPath = []): JsonPath {
  return resource.listItem === undefined ? path : ['items', resource.listItem, ...path];
}

/**
 * A list document kubectl expands into its items: `apiVersion: v1, kind: List`, or a typed list
 * (`kind: ConfigMapList`), with an `items` array.
 */
export function isListDocument(value: Record<string, unknown>): value is Record<string, unknown> & { items: unknown[] } {
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !Array.isArray(value.items)) return false;
  return (apiVersion === 'v1' && kind === 'List') || (kind.length > 4 && kind.endsWith('List'));
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** API groups of files that tools read but no API server serves (kustomization.yaml). */
const BUILD_TOOL_GROUPS = new Set(['kustomize.config.k8s.io']);

/** True for build-tool configuration written like a Kubernetes object but never sent to a cluster. */
export function isBuildToolConfig(resource: Pick<Resource, 'group'>): boolean {
  return BUILD_TOOL_GROUPS.has(resource.group);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resources of a parsed file, in document order; the items of list documents in their place.
 * Non-Kubernetes documents (and list items without apiVersion/kind) are skipped.
 */
export function resourcesOf(file: ParsedFile): Resource[] {
  const out: Resource[] = [];
  for (const parsed of file.documents) out.push(...documentResources(file, parsed));
  return out;
}

/** The resources of one document: the document itself, or the items of a list document. */
export function documentResources(file: ParsedFile, parsed: ParsedDocument): Resource[] {
  const value = parsed.value;
  if (!isRecord(value) || !isListDocument(value)) {
    const r = resourceOf(file, parsed);
    return r ? [r] : [];
  }
  const out: Resource[] = [];
  value.items.forEach((item, i) => {
    const r = objectResource(file, parsed, item, i);
    if (r) out.push(r);
  });
  return out;
}

/** The resource of a document, or undefined when it is not a Kubernetes object (lists included). */
export function resourceOf(file: ParsedFile, parsed: ParsedDocument): Resource | undefined {
  if (isRecord(parsed.value) && isListDocument(parsed.value)) return undefined;
  return objectResource(file, parsed, parsed.value, undefined);
}

function objectResource(file: ParsedFile, parsed: ParsedDocument, object: unknown, listItem: number | undefined): Resource | undefined {
  if (!isRecord(object)) return undefined;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const range = listItem === undefined ? file.lines.range(parsed.start, parsed.end) : nodeRange(file, parsed, ['items', listItem], 'value');
  const resource: Resource = { uri: file.uri, documentIndex: parsed.index, apiVersion, kind, group, version, name, namespace, object, parsed, file, range };
  if (listItem !== undefined) resource.listItem = listItem;
  return resource;
}

/** The range of a field of the resource; falls back to the deepest existing ancestor. */
export function resourceRange(resource: Resource, path: JsonPath, target: 'key' | 'value' = 'value'): Range {
  return nodeRange(resource.file, resource.parsed, documentPath(resource, path), target);
}
