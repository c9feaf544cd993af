/**
 * Which reference a JSON path of a document is: the name, a key or a port of another object. The
 * answer comes from the workspace index's own reference rules (workspace/references.ts), applied to
 * the document with a placeholder written at the path, so completion, hover and navigation agree
 * with the missing-* checks on what counts as a reference, even while the value is still empty.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord, splitApiVersion, type Resource } from '../../model/resource';
import type { ParsedDocument, ParsedFile } from '../../parse/parseFile';
import type { IndexedResource, Reference } from '../../workspace/model';
import { referencesOf } from '../../workspace/references';
import type { DocumentInfo } from '../request';

export type ReferenceRole = 'name' | 'key' | 'port';

export interface ClassifiedReference {
  role: ReferenceRole;
  reference: Reference;
}

const PLACEHOLDER = '\u0000';

/** A copy of `object` with `value` written at `path` (containers created as needed). */
export function withValueAt(object: Record<string, unknown>, path: JsonPath, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = { ...object };
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    const existing: unknown = Array.isArray(node) ? node[step as number] : node[step as string];
    let next: unknown;
    if (last) next = value;
    else if (typeof path[i + 1] === 'number') next = Array.isArray(existing) ? [...existing] : [];
    else next = isRecord(existing) ? { ...existing } : {};
    if (Array.isArray(node)) {
      if (typeof step !== 'number') return root;
      while (node.length < step) node.push(null);
      node[step] = next;
    } else {
      node[String(step)] = next;
    }
    if (last) break;
    node = next as Record<string, unknown> | unknown[];
  }
  return root;
}

function samePath(a: JsonPath | undefined, b: JsonPath): boolean {
  return a !== undefined && a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The reference at `path`, with `object` as the document's value. */
export function referenceAtPath(entry: IndexedResource, path: JsonPath): ClassifiedReference | undefined {
  for (const reference of referencesOf(entry)) {
    if (samePath(reference.path, path)) return { role: 'name', reference };
    if (samePath(reference.keyPath, path)) return { role: 'key', reference };
    if (samePath(reference.portPath, path)) return { role: 'port', reference };
  }
  return undefined;
}

/**
 * Classifies `path` of the document while its value may still be missing: a placeholder (a string,
 * or a number for port numbers) is written there first.
 */
export function classifyPath(
  file: ParsedFile,
  info: DocumentInfo,
  parsed: ParsedDocument | undefined,
  path: JsonPath,
  alternatives: Record<string, unknown>[] = [{}],
): ClassifiedReference | undefined {
  if (!info.kind || !info.apiVersion || !parsed) return undefined;
  const placeholder = path[path.length - 1] === 'number' ? 0 : PLACEHOLDER;
  for (const extra of alternatives) {
    let object = withValueAt(info.object, path, placeholder);
    for (const [field, value] of Object.entries(extra)) object = withValueAt(object, field.split('.'), value);
    const entry = syntheticEntry(file, info, parsed, object);
    const found = referenceAtPath(entry, path);
    if (found) return found;
  }
  return undefined;
}

function syntheticEntry(file: ParsedFile, info: DocumentInfo, parsed: ParsedDocument, object: Record<string, unknown>): IndexedResource {
  const apiVersion = info.apiVersion as string;
  const { group, version } = splitApiVersion(apiVersion);
  const base = info.resource;
  const resource: Resource = {
    uri: file.uri,
    documentIndex: parsed.index,
    apiVersion,
    kind: info.kind as string,
    group,
    version,
    name: base?.name,
    namespace: base?.namespace,
    object,
    parsed,
    file,
    range: base?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
  return { resource, namespace: info.namespace, placements: [{ namespace: info.namespace }], clusterScoped: info.namespace === '' };
}
