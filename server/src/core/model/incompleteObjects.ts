/**
 * Documents written like Kubernetes objects but missing `apiVersion` or `kind`: kubectl refuses them
 * ("apiVersion not set", "kind not set"), the API server never sees them. Other YAML (CI workflows,
 * docker-compose files, Helm values, kustomization.yaml) must not be mistaken for such objects, so a
 * document only counts when every top-level key is a field of some Kubernetes object and it has
 * object metadata, or one of apiVersion/kind together with an object body.
 */
import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import type { JsonPath } from './locate';
import { isListDocument, isRecord } from './resource';

/** Top-level fields of the built-in kinds (from the OpenAPI definitions of every kind with metadata). */
const OBJECT_FIELDS = new Set(
  [
    'apiVersion kind metadata spec status data stringData binaryData immutable type',
    'rules subjects roleRef aggregationRule webhooks secrets imagePullSecrets automountServiceAccountToken',
    'subsets endpoints addressType ports provisioner parameters reclaimPolicy volumeBindingMode allowVolumeExpansion',
    'mountOptions allowedTopologies handler overhead scheduling value globalDefault preemptionPolicy description',
    'template revision driverName capacity maximumVolumeSize nodeTopology storageClassName items',
  ]
    .join(' ')
    .split(' '),
);

/** Fields that make a document with only one of apiVersion/kind recognisably an object. */
const BODY_FIELDS = ['metadata', 'spec', 'data', 'stringData', 'rules', 'subjects', 'roleRef', 'template', 'webhooks'];

const METADATA_FIELDS = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

export interface IncompleteObject {
  parsed: ParsedDocument;
  /** Where the object sits in its document: [] or ['items', i] inside a list document. */
  path: JsonPath;
  /** In kubectl's order: kind first. */
  missing: ('kind' | 'apiVersion')[];
}

function missingFields(value: Record<string, unknown>): IncompleteObject['missing'] {
  const out: IncompleteObject['missing'] = [];
  if (typeof value.kind !== 'string' || value.kind === '') out.push('kind');
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') out.push('apiVersion');
  return out;
}

/** True for a top-level document that reads as a Kubernetes object (see the file comment). */
export function looksLikeObject(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => OBJECT_FIELDS.has(k))) return false;
  const { metadata } = value;
  if (isRecord(metadata) && METADATA_FIELDS.some((k) => metadata[k] !== undefined && metadata[k] !== null)) return true;
  const hasOne = typeof value.apiVersion === 'string' || typeof value.kind === 'string';
  return hasOne && BODY_FIELDS.some((k) => isRecord(value[k]) || Array.isArray(value[k]));
}

/** Objects of a file that kubectl would refuse for a missing apiVersion or kind, in document order. */
export function incompleteObjectsOf(file: ParsedFile): IncompleteObject[] {
  const out: IncompleteObject[] = [];
  for (const parsed of file.documents) {
    const value = parsed.value;
    if (!isRecord(value)) continue;
    if (isListDocument(value)) {
      // Inside a list every item must be a complete object.
      value.items.forEach((item, i) => {
        const missing = isRecord(item) ? missingFields(item) : [];
        if (missing.length > 0) out.push({ parsed, path: ['items', i], missing });
      });
      continue;
    }
    const missing = missingFields(value);
    if (missing.length > 0 && looksLikeObject(value)) out.push({ parsed, path: [], missing });
  }
  return out;
}
