/**
 * Finding the YAML document that defines an object, by kind, namespace and name. Pure text
 * processing (no VS Code), so the extension can run it on open editors and on workspace files alike.
 */
import { isMap, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { ObjectRef } from '../../../server/src/lsp/protocol';

export interface ManifestMatch {
  /** Index of the YAML document in the file. */
  documentIndex: number;
  /** Offsets of `metadata.name`'s value (the whole document when it has no source range). */
  start: number;
  end: number;
}

/** Kinds that have no namespace: a manifest's `metadata.namespace` is ignored for them. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
  'PriorityClass',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'RuntimeClass',
  'CSIDriver',
  'VolumeAttachment',
]);

/**
 * A cheap test before parsing: a manifest that defines `ref` contains its name and kind as text.
 * (A name written as a quoted or folded scalar still contains the characters.)
 */
export function mightDefine(text: string, ref: ObjectRef): boolean {
  return text.includes(ref.name) && text.includes(ref.kind);
}

/**
 * The document of `text` that defines `ref`. A manifest without `metadata.namespace` matches the
 * namespace `defaultNamespace` (where `kubectl apply` would create it).
 */
export function findManifest(text: string, ref: ObjectRef, defaultNamespace = 'default'): ManifestMatch | undefined {
  if (!mightDefine(text, ref)) return undefined;
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { version: '1.1', strict: false, prettyErrors: false }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents)) return undefined;
  for (let index = 0; index < documents.length; index++) {
    const doc = documents[index];
    if (!isMap(doc.contents)) continue;
    const kind = scalarText(doc.get('kind'));
    if (kind !== ref.kind) continue;
    const nameNode = doc.getIn(['metadata', 'name'], true);
    if (scalarText(nameNode) !== ref.name) continue;
    if (!CLUSTER_SCOPED.has(ref.kind)) {
      const namespace = scalarText(doc.getIn(['metadata', 'namespace'])) ?? defaultNamespace;
      if (namespace !== (ref.namespace ?? defaultNamespace)) continue;
    }
    const range = isScalar(nameNode) ? nameNode.range : undefined;
    const [start, end] = range ? [range[0], range[1]] : [doc.range[0], doc.range[1]];
    return { documentIndex: index, start, end };
  }
  return undefined;
}

function scalarText(node: unknown): string | undefined {
  const value = isScalar(node) ? node.value : node;
  return typeof value === 'string' ? value : undefined;
}
