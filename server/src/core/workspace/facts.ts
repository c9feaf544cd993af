/**
 * What one file contributes to the workspace (its facts) and which facts of other files its
 * cross-resource diagnostics read (its dependencies). Both are expressed as dependency keys:
 *
 *   o|Kind|namespace|name   an object by name (provided by definitions, used by references and by
 *                           the definition itself for duplicate detection)
 *   p|namespace|key=value   a pod label carried by some pod template (used by Services selecting it);
 *                           the fingerprint only says which templates carry it
 *   pk|namespace|key        a label key that a controller adds to pods (pod-name, job-name…)
 *   t|uri#document          one pod template in full: labels, ports, location (used by the Services
 *                           that select it or name it as closest candidate, recorded while checking)
 *   pl|namespace|key        a label key used by some pod template, whatever its value (used by
 *                           Services that select nothing, for their "closest candidate" hint;
 *                           recorded while checking, see WorkspaceIndex.crossDiagnostics)
 *   crd|group               custom types of a group (used by custom resources of that group)
 *   crds                    all custom types (used by Roles, for RBAC resource names)
 *   k|Kind|namespace        every object of a kind in a namespace, with its spec (NetworkPolicy only;
 *                           used by non-isolated-pod, recorded while checking)
 *
 * A provided key carries a fingerprint of everything a dependent's diagnostics show about it
 * (location, ConfigMap keys, Service ports, template labels and ports). When an update changes a
 * key's fingerprint, exactly the files using that key need new cross-resource diagnostics.
 */
import { isBuildToolConfig, isRecord, resourcePosition, resourcesOf, type Resource } from '../model/resource';
import type { FileRole } from '../analysis/fileRole';
import type { ParsedFile } from '../parse/parseFile';
import { nodeRange } from '../model/locate';
import { customTypeSignature, customTypesOf, type CustomTypeRegistry } from './crds';
import { definitionsOf } from './definitions';
import { documentToken, withLazyRange } from './location';
import type { Kustomization } from './kustomization';
import type { KustomizePlacement } from './kustomizeLayout';
import type { CustomResourceType, IndexedResource, ObjectDefinition, Placement, PodTemplate } from './model';
import { IMPLICIT_LABEL_KEYS, podTemplateOf } from './podTemplates';
import { isBuiltinGroup } from './rbac/apiResources';
import { referencesOf } from './references';
import { isBuiltinClusterScoped } from './scope';
import { serviceSelector } from './serviceSelector';
import { ALL_CUSTOM_TYPES_KEY, anyNamespaceLabelKey, anyValueLabelKey, groupKey, implicitLabelKey, kindKey, labelKey, objectKey, templateKey } from './dependencyKeys';

export interface FileFacts {
  /** Kubernetes objects of the file (none for patches, Helm templates and kustomization files). */
  resources: IndexedResource[];
  /** Objects defined by name: the resources, objects implied by them, kustomize-generated ones. */
  definitions: ObjectDefinition[];
  templates: PodTemplate[];
  customTypes: CustomResourceType[];
  provides: Map<string, string>;
  uses: Set<string>;
}

export const NO_FACTS: FileFacts = { resources: [], definitions: [], templates: [], customTypes: [], provides: new Map(), uses: new Set() };

export interface FactsInput {
  file: ParsedFile;
  role: FileRole;
  /** Set for kustomization files. */
  kustomization?: Kustomization;
  /** Placements Kustomize gives the file (or the kustomization itself); undefined outside Kustomize. */
  kustomizePlacements?: readonly KustomizePlacement[];
  customTypes: CustomTypeRegistry;
}

const KINDS_PROVIDED_AS_A_WHOLE = new Set(['NetworkPolicy']);

function dedupe(placements: Placement[]): Placement[] {
  const seen = new Set<string>();
  return placements.filter((p) => {
    const key = `${p.namespace}|${p.build ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function placementsOf(resource: Resource, clusterScoped: boolean, kustomize: readonly KustomizePlacement[] | undefined): Placement[] {
  const written = resource.namespace || 'default';
  if (!kustomize) return [{ namespace: clusterScoped ? '' : written }];
  return dedupe(kustomize.map((k) => ({ namespace: clusterScoped ? '' : (k.namespace ?? written), build: k.build })));
}

function isClusterScoped(resource: Resource, customTypes: CustomTypeRegistry): boolean {
  if (isBuiltinClusterScoped(resource.group, resource.kind)) return true;
  return !isBuiltinGroup(resource.group) && (customTypes.typeOf(resource.group, resource.kind)?.clusterScoped ?? false);
}

function generatedDefinitions(input: FactsInput): ObjectDefinition[] {
  const k = input.kustomization;
  if (!k) return [];
  const placements = input.kustomizePlacements ?? [{ build: k.uri }];
  const fileName = k.uri.slice(k.uri.lastIndexOf('/') + 1);
  return k.generators.map((g) => {
    const doc = input.file.documents[g.documentIndex];
    const def: ObjectDefinition = {
      group: '',
      kind: g.kind,
      name: g.name,
      placements: dedupe(placements.map((p) => ({ namespace: g.namespace ?? p.namespace ?? 'default', build: p.build }))),
      origin: 'kustomize-generator',
      uri: input.file.uri,
      keys: g.keys ? new Set(g.keys) : undefined,
      note: `generated by ${g.kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'} in ${fileName}`,
    };
    generatorLocations.set(def, documentToken(input.file, doc));
    return withLazyRange(def, () => nodeRange(input.file, doc, g.path, 'value'));
  });
}

function serviceDetail(def: ObjectDefinition): string {
  const spec = def.source?.resource.object.spec;
  if (def.kind !== 'Service' || !isRecord(spec)) return '';
  return JSON.stringify([spec.ports ?? null, spec.clusterIP ?? null, spec.type ?? null]);
}

/** Location tokens of kustomize-generated definitions (they have no source resource). */
const generatorLocations = new WeakMap<ObjectDefinition, string>();

function definitionFingerprint(def: ObjectDefinition): string {
  const source = def.source?.resource;
  const at = source ? `${documentToken(source.file, source.parsed)}.${source.listItem ?? ''}` : (generatorLocations.get(def) ?? '');
  const keys = def.keys ? [...def.keys].sort().join(',') : '?';
  const builds = def.placements.map((p) => p.build ?? '').join(',');
  return `${def.group}|${def.origin}|${def.uri ?? ''}@${at}|${keys}|${builds}|${serviceDetail(def)}`;
}

function templateFingerprint(t: PodTemplate): string {
  const r = t.owner.resource;
  const ports = t.ports.map((p) => `${p.containerPort}/${p.protocol}/${p.name ?? ''}`).join(',');
  const builds = t.owner.placements.map((p) => p.build ?? '').join(',');
  return `${r.kind}/${r.name ?? ''}@${documentToken(r.file, r.parsed)}.${r.listItem ?? ''}|${JSON.stringify(t.labels)}|${ports}|${t.selectable}|${builds}`;
}

function add(map: Map<string, string>, key: string, fingerprint: string): void {
  const prev = map.get(key);
  map.set(key, prev === undefined ? fingerprint : `${prev}\n${fingerprint}`);
}

function dependencyKeys(facts: FileFacts): void {
  const { provides, uses } = facts;
  for (const def of facts.definitions) {
    const fingerprint = definitionFingerprint(def);
    for (const ns of new Set(def.placements.map((p) => p.namespace))) {
      add(provides, objectKey(def.kind, ns, def.name), fingerprint);
      if (KINDS_PROVIDED_AS_A_WHOLE.has(def.kind)) add(provides, kindKey(def.kind, ns), `${fingerprint}|${JSON.stringify(def.source?.resource.object.spec ?? null)}`);
      if (def.origin === 'manifest') uses.add(objectKey(def.kind, ns, def.name));
    }
  }
  for (const t of facts.templates) {
    const r = t.owner.resource;
    const identity = `${resourcePosition(r)}|${t.selectable}|${t.owner.placements.map((p) => p.build ?? '').join(',')}`;
    add(provides, templateKey(t), templateFingerprint(t));
    for (const ns of new Set(t.owner.placements.map((p) => p.namespace))) {
      for (const [k, v] of Object.entries(t.labels)) {
        add(provides, labelKey(ns, k, v), identity);
        add(provides, anyValueLabelKey(ns, k), `${identity}=${v}`);
        add(provides, anyNamespaceLabelKey(k), `${identity}@${ns}=${v}`);
      }
      for (const k of t.implicitLabels.keys()) add(provides, implicitLabelKey(ns, k), `${identity}|${r.kind}/${r.name ?? ''}`);
    }
  }
  for (const t of facts.customTypes) {
    add(provides, groupKey(t.group), customTypeSignature(t));
    add(provides, ALL_CUSTOM_TYPES_KEY, customTypeSignature(t));
  }
  for (const entry of facts.resources) {
    const { kind, group } = entry.resource;
    const namespaces = new Set(entry.placements.map((p) => p.namespace));
    for (const ref of referencesOf(entry)) {
      const targets = ref.explicitNamespace || ref.targetNamespace === '' ? [ref.targetNamespace] : namespaces;
      for (const ns of targets) uses.add(objectKey(ref.targetKind, ns, ref.targetName));
    }
    const selector = serviceSelector(entry);
    if (selector) {
      for (const ns of namespaces) {
        for (const [k, v] of Object.entries(selector)) {
          uses.add(labelKey(ns, k, v));
          if (IMPLICIT_LABEL_KEYS.has(k)) uses.add(implicitLabelKey(ns, k));
        }
      }
    }
    if ((kind === 'Role' || kind === 'ClusterRole') && group === 'rbac.authorization.k8s.io') uses.add(ALL_CUSTOM_TYPES_KEY);
    if (!isBuiltinGroup(group)) uses.add(groupKey(group));
  }
}

/** The facts of one file, given its role in the workspace. */
export function extractFacts(input: FactsInput): FileFacts {
  const { file, role } = input;
  if (role.helmTemplate || role.kustomizePatch) return NO_FACTS;
  const facts: FileFacts = { resources: [], definitions: [], templates: [], customTypes: [], provides: new Map(), uses: new Set() };
  if (input.kustomization) {
    facts.definitions.push(...generatedDefinitions(input));
  } else {
    for (const resource of resourcesOf(file)) {
      if (isBuildToolConfig(resource)) continue;
      const clusterScoped = isClusterScoped(resource, input.customTypes);
      const entry: IndexedResource = { resource, clusterScoped, placements: placementsOf(resource, clusterScoped, input.kustomizePlacements), namespace: '' };
      entry.namespace = entry.placements[0]?.namespace ?? '';
      facts.resources.push(entry);
      facts.definitions.push(...definitionsOf(entry));
      const template = podTemplateOf(entry);
      if (template) facts.templates.push(template);
      facts.customTypes.push(...customTypesOf(resource));
    }
  }
  dependencyKeys(facts);
  return facts;
}

/** Keys whose fingerprint differs between two versions of a file's facts. */
export function changedKeys(before: FileFacts, after: FileFacts): Set<string> {
  const out = new Set<string>();
  for (const [key, fp] of before.provides) if (after.provides.get(key) !== fp) out.add(key);
  for (const key of after.provides.keys()) if (!before.provides.has(key)) out.add(key);
  return out;
}
