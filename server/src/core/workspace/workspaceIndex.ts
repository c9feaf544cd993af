/**
 * WorkspaceIndex: every Kubernetes resource of the workspace, by file, kept up to date one file at a
 * time, with the cross-resource checks and the lookups editor features need. Transport-free.
 *
 * Feeding it
 *   updateFile(uri, parsedFile)  after each parse (open/change/create, or the initial scan)
 *   removeFile(uri)              on delete (or when a file leaves the workspace)
 * Both return the dependents: the OTHER files whose diagnostics may have changed because of this
 * update — their cross-resource diagnostics (and, when a CustomResourceDefinition or a
 * kustomization changed, their single-file analysis: custom kinds and file roles) must be
 * recomputed. The updated file itself always needs both.
 *
 * Diagnostics
 *   crossDiagnostics(uri, settings)  the cross-resource diagnostics of one file, with default
 *                                    severities; suppressions and severity overrides are applied by
 *                                    the analysis pipeline afterwards (rules set to "off" are skipped).
 *   fileRole(uri, text?)             Helm template / Kustomize patch (+ namespace) for analyzeFile.
 *   The index is a CustomKindRegistry (CRDs of the workspace) for the schema layer.
 *
 * Lookups (for completion, hover, definition, references, symbols, the cluster panel)
 *   resources, resourcesInFile, entryOf, findResources, definitionsNamed, definitionsOfKind,
 *   templatesIn, podTemplatesSelectedBy, servicesSelecting, referencesOf, resolveReference,
 *   referencesTo, workspaceSymbols, customTypes. Shapes are in model.ts.
 *
 * Model: a resource's effective namespace is metadata.namespace, else the `namespace:` of the
 * kustomization that includes it (the outermost one wins), else "default"; cluster-scoped kinds
 * have namespace ''. Files used as Kustomize patches and Helm templates define nothing.
 * Incrementality: see facts.ts (dependency keys with fingerprints). Some dependencies are only
 * known while checking (the pod templates a Service selects): crossDiagnostics records them, so a
 * file's dependents are exact once its cross-resource diagnostics have been computed — which the
 * server does for every file it reports diagnostics for.
 */
import { looksLikeHelmTemplate, type FileRole } from '../analysis/fileRole';
import type { AnalysisSettings } from '../analysis/settings';
import { sameResource, type Resource } from '../model/resource';
import type { ParsedFile } from '../parse/parseFile';
import type { CustomKindRegistry } from '../schema/schemaChecks';
import type { Diagnostic, Range } from '../types';
import { checkDisruptionBudget } from './checks/disruptionBudgets';
import { checkDuplicates } from './checks/duplicates';
import { checkStatefulSetService } from './checks/headlessServices';
import { checkReferences, resolveReference } from './checks/missingReferences';
import { checkNetworkPolicy } from './checks/networkPolicies';
import { checkRbacResources } from './checks/rbacResources';
import { checkPodSecurity } from './checks/podSecurity';
import { checkNonIsolatedPod, checkPdbMinAvailable, checkUseNamespace } from './checks/packRules';
import { isRuleEnabled } from '../rules/pack/presets';
import { checkService, selectedTemplates } from './checks/services';
import { serviceSelector } from './serviceSelector';
import type { CrossCheckContext } from './checks/context';
import { CustomTypeRegistry } from './crds';
import { DependencyGraph } from './dependencyGraph';
import { objectKey } from './dependencyKeys';
import { changedKeys, extractFacts, NO_FACTS, type FileFacts } from './facts';
import { isKustomizationFile, readKustomization, type Kustomization } from './kustomization';
import { KustomizeLayout } from './kustomizeLayout';
import type { IndexedResource, ObjectDefinition, PodTemplate, Reference } from './model';
import { canonicalUri } from './paths';
import { podTemplateOf, templateMatches } from './podTemplates';
import { referencesOf } from './references';
import { WorkspaceStore } from './store';

/** Each check with the rule its internal errors are reported under. */
const CROSS_CHECKS: readonly [string, (entry: IndexedResource, ctx: CrossCheckContext) => void][] = [
  ['duplicate-resource', checkDuplicates],
  ['service-no-match', checkService],
  ['missing-configmap', checkReferences],
  ['rbac-unknown-resource', checkRbacResources],
  ['networkpolicy-no-match', checkNetworkPolicy],
  ['pdb-no-match', checkDisruptionBudget],
  ['statefulset-service-not-headless', checkStatefulSetService],
  ['pod-security', checkPodSecurity],
  ['use-namespace', checkUseNamespace],
  ['non-isolated-pod', checkNonIsolatedPod],
  ['pdb-min-available', checkPdbMinAvailable],
];

export interface ResourceQuery {
  kind?: string;
  group?: string;
  /** Effective namespace ('' for cluster-scoped objects). */
  namespace?: string;
  name?: string;
}

export interface WorkspaceSymbol {
  /** "Deployment/web" */
  name: string;
  kind: string;
  namespace: string;
  uri: string;
  /** The metadata.name value (or the document start). */
  selectionRange: Range;
  /** The whole document. */
  range: Range;
}

interface FileState {
  uri: string;
  file: ParsedFile;
  role: FileRole;
  facts: FileFacts;
  kustomization?: Kustomization;
}

export class WorkspaceIndex implements CustomKindRegistry {
  readonly customTypes = new CustomTypeRegistry();
  private readonly store = new WorkspaceStore(this.customTypes);
  private readonly files = new Map<string, FileState>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private layout = new KustomizeLayout(new Map());
  /** Which files (canonical uris) use which dependency keys. */
  private readonly graph = new DependencyGraph();

  // ---- updates -------------------------------------------------------------------------------

  /** Indexes a file version; returns the other files (uris as given) whose diagnostics may have changed. */
  updateFile(uri: string, file: ParsedFile): ReadonlySet<string> {
    const canonical = canonicalUri(uri);
    const previous = this.files.get(canonical);
    const kustomization = isKustomizationFile(uri) ? readKustomization(file) : undefined;
    this.files.set(canonical, { uri, file, role: previous?.role ?? this.roleOf(canonical, uri, file.text), facts: previous?.facts ?? NO_FACTS, kustomization });
    const changed = new Set<string>();
    const touched = new Set<string>();
    if (kustomization || previous?.kustomization) {
      if (kustomization) this.kustomizations.set(canonical, kustomization);
      else this.kustomizations.delete(canonical);
      this.relayout(canonical, changed, touched);
    }
    this.reextract(canonical, changed);
    this.followCustomTypeChanges(changed, touched, canonical);
    return this.dependentsOf(changed, touched, canonical);
  }

  /** Forgets a file; returns the other files whose diagnostics may have changed. */
  removeFile(uri: string): ReadonlySet<string> {
    const canonical = canonicalUri(uri);
    const state = this.files.get(canonical);
    if (!state) return new Set();
    const changed = new Set<string>(state.facts.provides.keys());
    const touched = new Set<string>();
    this.store.remove(state.facts);
    this.graph.remove(canonical);
    this.customTypes.setFile(canonical, []);
    this.files.delete(canonical);
    if (state.kustomization) {
      this.kustomizations.delete(canonical);
      this.relayout(canonical, changed, touched);
    }
    this.followCustomTypeChanges(changed, touched, canonical);
    return this.dependentsOf(changed, touched, canonical);
  }

  hasFile(uri: string): boolean {
    return this.files.has(canonicalUri(uri));
  }

  /** Uris (as given) of all indexed files. */
  fileUris(): string[] {
    return [...this.files.values()].map((s) => s.uri);
  }

  private roleOf(canonical: string, uri: string, text: string): FileRole {
    const placements = this.layout.placementsOf(canonical);
    const patch = this.layout.isPatch(canonical);
    const namespace = patch ? this.layout.patchNamespace(canonical) : placements?.find((p) => p.namespace !== undefined)?.namespace;
    const role: FileRole = { helmTemplate: looksLikeHelmTemplate(uri, text), kustomizePatch: patch };
    if (namespace !== undefined) role.kustomizeNamespace = namespace;
    return role;
  }

  /** Recomputes a file's role and facts; records the dependency keys whose fingerprint changed. */
  private reextract(canonical: string, changed: Set<string>): void {
    const state = this.files.get(canonical);
    if (!state) return;
    const role = this.roleOf(canonical, state.uri, state.file.text);
    const facts = extractFacts({ file: state.file, role, kustomization: state.kustomization, kustomizePlacements: this.layout.placementsOf(canonical), customTypes: this.customTypes });
    this.store.remove(state.facts);
    this.store.add(facts);
    for (const key of changedKeys(state.facts, facts)) changed.add(key);
    this.graph.setStatic(canonical, facts.uses);
    this.customTypes.setFile(canonical, facts.customTypes);
    state.facts = facts;
    state.role = role;
  }

  /** After a kustomization changed: re-extract every file whose role or placements changed. */
  private relayout(updated: string, changed: Set<string>, touched: Set<string>): void {
    const before = this.layout;
    this.layout = new KustomizeLayout(this.kustomizations);
    for (const file of new Set([...before.files(), ...this.layout.files()])) {
      if (file === updated || !this.files.has(file) || before.signature(file) === this.layout.signature(file)) continue;
      this.reextract(file, changed);
      touched.add(file);
    }
  }

  /** Custom resources take their scope from CRDs: re-extract them when their group's CRDs changed. */
  private followCustomTypeChanges(changed: Set<string>, touched: Set<string>, updated: string): void {
    const groups = [...changed].filter((k) => k.startsWith('crd|'));
    for (const key of groups) {
      for (const user of [...this.graph.staticUsersOf(key)]) {
        if (user === updated) continue;
        this.reextract(user, changed);
        touched.add(user);
      }
    }
  }

  private dependentsOf(changed: ReadonlySet<string>, touched: ReadonlySet<string>, updated: string): Set<string> {
    const out = new Set<string>(touched);
    for (const key of changed) for (const user of this.graph.usersOf(key)) out.add(user);
    out.delete(updated);
    return new Set([...out].map((c) => this.files.get(c)?.uri ?? c));
  }

  // ---- diagnostics ---------------------------------------------------------------------------

  /** How a file is treated (Helm template, Kustomize patch and its namespace). */
  fileRole(uri: string, text?: string): FileRole {
    const canonical = canonicalUri(uri);
    const state = this.files.get(canonical);
    if (state && text === undefined) return state.role;
    return this.roleOf(canonical, uri, text ?? state?.file.text ?? '');
  }

  /** Cross-resource diagnostics of one file, default severities, before suppressions. */
  crossDiagnostics(uri: string, settings: AnalysisSettings): Diagnostic[] {
    const canonical = canonicalUri(uri);
    const state = this.files.get(canonical);
    if (!state || !settings.validateEnable || state.role.helmTemplate || state.role.kustomizePatch) return [];
    const out: Diagnostic[] = [];
    const uses = new Set<string>();
    const ctx: CrossCheckContext = {
      queries: this.store,
      kubernetesVersion: settings.kubernetesVersion,
      settings,
      enabled: (rule) => isRuleEnabled(rule, settings),
      report: (d) => out.push(d),
      use: (key) => uses.add(key),
    };
    for (const entry of state.facts.resources) {
      for (const [rule, check] of CROSS_CHECKS) {
        try {
          check(entry, ctx);
        } catch (err) {
          // A broken check must never take the others (or the server) down.
          out.push({ range: entry.resource.range, severity: 'hint', code: rule, message: `Internal error in cross-resource check '${check.name}': ${(err as Error).message}`, source: 'shipshape' });
        }
      }
    }
    this.graph.setDynamic(canonical, uses);
    return out;
  }

  // ---- CustomKindRegistry --------------------------------------------------------------------

  hasKind(group: string, version: string, kind: string): boolean {
    return this.customTypes.hasKind(group, version, kind);
  }

  hasGroup(group: string): boolean {
    return this.customTypes.hasGroup(group);
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** The indexed resources of a file (none for patches, Helm templates, kustomization files). */
  resourcesInFile(uri: string): readonly IndexedResource[] {
    return this.files.get(canonicalUri(uri))?.facts.resources ?? [];
  }

  /** Every indexed resource (Helm templates, Kustomize patches and kustomization files excluded). */
  *resources(): Iterable<IndexedResource> {
    for (const state of this.files.values()) yield* state.facts.resources;
  }

  /** The index's entry (effective namespace, placements) for a resource of an indexed file. */
  entryOf(resource: Resource): IndexedResource | undefined {
    return this.resourcesInFile(resource.uri).find((r) => sameResource(r.resource, resource));
  }

  /** Pod templates (and bare Pods) placed in `namespace`; with `label`, those whose pods may carry it. */
  templatesIn(namespace: string, label?: [string, string]): Iterable<PodTemplate> {
    return this.store.templatesIn(namespace, label);
  }

  /** Resources matching every given field. */
  findResources(query: ResourceQuery): IndexedResource[] {
    const pool = query.kind ? this.store.resourcesOfKind(query.kind) : [...this.files.values()].flatMap((s) => s.facts.resources);
    const out: IndexedResource[] = [];
    for (const r of pool) {
      if (query.group !== undefined && r.resource.group !== query.group) continue;
      if (query.name !== undefined && r.resource.name !== query.name) continue;
      if (query.namespace !== undefined && !r.placements.some((p) => p.namespace === query.namespace)) continue;
      out.push(r);
    }
    return out;
  }

  /** Objects of a kind by namespace and name, including implied and built-in ones ('*' = any namespace). */
  definitionsNamed(kind: string, namespace: string, name: string): ObjectDefinition[] {
    return this.store.definitionsNamed(kind, namespace, name);
  }

  /** All objects of a kind in a namespace (for completion of names). */
  definitionsOfKind(kind: string, namespace: string): ObjectDefinition[] {
    return this.store.definitionsOfKind(kind, namespace);
  }

  /** The pod templates (and Pods) a Service selects. */
  podTemplatesSelectedBy(service: Resource | IndexedResource): PodTemplate[] {
    const entry = 'resource' in service ? service : this.entryOf(service);
    return entry ? selectedTemplates(this.store, entry) : [];
  }

  /** The Services whose selector selects the pods of a workload or Pod. */
  servicesSelecting(workload: Resource | IndexedResource): IndexedResource[] {
    const entry = 'resource' in workload ? workload : this.entryOf(workload);
    const template = entry ? podTemplateOf(entry) : undefined;
    if (!entry || !template || !template.selectable) return [];
    const out: IndexedResource[] = [];
    for (const service of this.store.resourcesOfKind('Service')) {
      const selector = serviceSelector(service);
      if (!selector || !templateMatches(selector, template)) continue;
      if (service.placements.some((p) => entry.placements.some((q) => p.namespace === q.namespace))) out.push(service);
    }
    return out;
  }

  /** The by-name references a resource makes (ConfigMaps, Secrets, Services, roles…). */
  referencesOf(resource: Resource | IndexedResource): Reference[] {
    const entry = 'resource' in resource ? resource : this.entryOf(resource);
    return entry ? referencesOf(entry) : [];
  }

  /** What a reference of `resource` points to (empty when missing). */
  resolveReference(resource: Resource | IndexedResource, reference: Reference): ObjectDefinition[] {
    const entry = 'resource' in resource ? resource : this.entryOf(resource);
    return entry ? resolveReference(reference, entry, this.store).found : [];
  }

  /** Every reference in the workspace that resolves to `resource` (find-references). */
  referencesTo(resource: Resource | IndexedResource): { referrer: IndexedResource; reference: Reference }[] {
    const entry = 'resource' in resource ? resource : this.entryOf(resource);
    if (!entry?.resource.name) return [];
    const files = new Set<string>();
    for (const p of entry.placements) for (const f of this.graph.staticUsersOf(objectKey(entry.resource.kind, p.namespace, entry.resource.name))) files.add(f);
    const out: { referrer: IndexedResource; reference: Reference }[] = [];
    for (const f of files) {
      for (const referrer of this.files.get(f)?.facts.resources ?? []) {
        const seen = new Set<string>();
        for (const reference of referencesOf(referrer)) {
          if (reference.targetKind !== entry.resource.kind || reference.targetName !== entry.resource.name) continue;
          const path = reference.path.join('\u0000');
          if (seen.has(path)) continue; // volume items repeat the name reference once per key
          seen.add(path);
          if (resolveReference(reference, referrer, this.store).found.some((d) => d.source === entry)) out.push({ referrer, reference });
        }
      }
    }
    return out;
  }

  /** Resources whose `Kind/name` contains the query (case-insensitive), at most `limit`. */
  workspaceSymbols(query: string, limit = 1000): WorkspaceSymbol[] {
    const q = query.toLowerCase();
    const out: WorkspaceSymbol[] = [];
    for (const state of this.files.values()) {
      for (const entry of state.facts.resources) {
        const { resource } = entry;
        const name = `${resource.kind}/${resource.name ?? '(unnamed)'}`;
        if (q && !name.toLowerCase().includes(q)) continue;
        const selection = resource.name ? state.facts.definitions.find((d) => d.source === entry && d.origin === 'manifest')?.range : undefined;
        out.push({ name, kind: resource.kind, namespace: entry.namespace, uri: resource.uri, selectionRange: selection ?? resource.range, range: resource.range });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}
