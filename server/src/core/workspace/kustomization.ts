/**
 * Reads a kustomization.yaml: the namespace it sets, the files and folders it includes, the files it
 * uses as patches, and the ConfigMaps/Secrets its generators create.
 */
import type { JsonPath } from '../model/locate';
import { isRecord } from '../model/resource';
import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import { baseName, canonicalUri, isRemoteReference, parentOf, resolveIn } from './paths';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomizationFile(uri: string): boolean {
  return KUSTOMIZATION_NAMES.has(baseName(uri));
}

/** A ConfigMap or Secret a configMapGenerator/secretGenerator entry creates. */
export interface GeneratedObject {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The generator's own `namespace:`, which wins over the kustomization's. */
  namespace?: string;
  /** Keys from literals and files; undefined when env files or merge/replace make them unknowable. */
  keys?: string[];
  /** Path of the generator's `name` inside the kustomization document. */
  path: JsonPath;
  documentIndex: number;
}

export interface Kustomization {
  /** Canonical uri of the kustomization file and of its folder. */
  uri: string;
  dir: string;
  namespace?: string;
  /** Canonical uris of `resources`/`bases`/`components` entries (files or folders). */
  includes: string[];
  /** Canonical uris of files used as patches. */
  patches: string[];
  generators: GeneratedObject[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A `patchesStrategicMerge` entry is a path unless it is an inline document. */
function looksLikePath(entry: string): boolean {
  return !entry.includes('\n') && !/^\s*(apiVersion|kind)\s*:/.test(entry);
}

function generatorKeys(gen: Record<string, unknown>): string[] | undefined {
  if (gen.behavior === 'merge' || gen.behavior === 'replace') return undefined;
  if (strings(gen.envs).length > 0 || typeof gen.env === 'string') return undefined;
  const keys: string[] = [];
  for (const literal of strings(gen.literals)) {
    const eq = literal.indexOf('=');
    keys.push(eq < 0 ? literal : literal.slice(0, eq));
  }
  for (const file of strings(gen.files)) {
    const eq = file.indexOf('=');
    keys.push(eq < 0 ? baseName(file) : file.slice(0, eq));
  }
  return keys;
}

function readGenerators(doc: ParsedDocument, value: Record<string, unknown>): GeneratedObject[] {
  const out: GeneratedObject[] = [];
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    records(value[field]).forEach((gen, i) => {
      if (typeof gen.name !== 'string' || !gen.name) return;
      out.push({
        kind,
        name: gen.name,
        namespace: typeof gen.namespace === 'string' && gen.namespace ? gen.namespace : undefined,
        keys: generatorKeys(gen),
        path: [field, i, 'name'],
        documentIndex: doc.index,
      });
    });
  }
  return out;
}

/** The kustomization of a kustomization file, or undefined when its first document is not a mapping. */
export function readKustomization(file: ParsedFile): Kustomization | undefined {
  const doc = file.documents.find((d) => isRecord(d.value));
  if (!doc || !isRecord(doc.value)) return undefined;
  const value = doc.value;
  const uri = canonicalUri(file.uri);
  const dir = parentOf(uri);
  const resolve = (ref: string): string | undefined => (ref && !isRemoteReference(ref) ? resolveIn(dir, ref) : undefined);
  const includes: string[] = [];
  for (const ref of [...strings(value.resources), ...strings(value.bases), ...strings(value.components)]) {
    const resolved = resolve(ref);
    if (resolved) includes.push(resolved);
  }
  const patches: string[] = [];
  const patchPaths = [
    ...records(value.patches).map((p) => p.path),
    ...strings(value.patchesStrategicMerge).filter(looksLikePath),
    ...records(value.patchesJson6902).map((p) => p.path),
  ];
  for (const ref of patchPaths) {
    const resolved = typeof ref === 'string' ? resolve(ref) : undefined;
    if (resolved) patches.push(resolved);
  }
  return {
    uri,
    dir,
    namespace: typeof value.namespace === 'string' && value.namespace ? value.namespace : undefined,
    includes,
    patches,
    generators: readGenerators(doc, value),
  };
}
