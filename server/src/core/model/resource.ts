import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import type { Range } from '../types';
import { nodeRange, type JsonPath } from './locate';

/** A Kubernetes object found in a YAML document: anything with string apiVersion and kind. */
export interface Resource {
  uri: string;
  documentIndex: number;
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
  /** The whole document, for outline and code lenses. */
  range: Range;
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

/** Resources of a parsed file, in document order. Non-Kubernetes documents are skipped. */
export function resourcesOf(file: ParsedFile): Resource[] {
  const out: Resource[] = [];
  for (const parsed of file.documents) {
    const r = resourceOf(file, parsed);
    if (r) out.push(r);
  }
  return out;
}

export function resourceOf(file: ParsedFile, parsed: ParsedDocument): Resource | undefined {
  const object = parsed.value;
  if (!isRecord(object)) return undefined;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const range = file.lines.range(parsed.start, parsed.end);
  return { uri: file.uri, documentIndex: parsed.index, apiVersion, kind, group, version, name, namespace, object, parsed, file, range };
}

/** The range of a field of the resource; falls back to the deepest existing ancestor. */
export function resourceRange(resource: Resource, path: JsonPath, target: 'key' | 'value' = 'value'): Range {
  return nodeRange(resource.file, resource.parsed, path, target);
}
