import { analyzeFile, analyzeFileSteps, type AnalysisEnvironment } from '../analysis/analyzeFile';
import { looksLikeHelmTemplate, PLAIN_FILE, type FileRole } from '../analysis/fileRole';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../analysis/settings';
import { applySuppressions } from '../analysis/suppressions';
import { resourcesOf, type Resource } from '../model/resource';
import { parseFile, parseFileSteps, type ParsedFile } from '../parse/parseFile';
import type { CustomKindRegistry } from '../schema/schemaChecks';
import type { Diagnostic } from '../types';
import { boundedMessage } from './messageLength';
import { allowsDocumentReuse, DocumentDiagnostics, type KeptDocumentDiagnostics } from './documentDiagnostics';
import { runInSlices, type SliceOptions } from './slices';

/**
 * What the language service needs from the workspace index: incremental updates that report which
 * other files' cross-resource diagnostics may have changed, file roles, CRD kinds and cross diagnostics.
 */
export interface WorkspaceModel extends CustomKindRegistry {
  updateFile(uri: string, file: ParsedFile): ReadonlySet<string>;
  removeFile(uri: string): ReadonlySet<string>;
  fileRole(uri: string): FileRole;
  crossDiagnostics(uri: string, settings: AnalysisSettings): Diagnostic[];
}

export interface FileState {
  file: ParsedFile;
  resources: Resource[];
  role: FileRole;
  /** Single-file diagnostics for the settings generation they were computed with. */
  single?: { generation: number; diagnostics: Diagnostic[] };
  /** Per-document results of the last analysis, reused for unchanged documents by the next one. */
  kept?: KeptDocumentDiagnostics;
}

/**
 * The transport-free façade shared by the language server and the CLI: holds parsed files (once per
 * version), feeds the workspace index and produces final diagnostics.
 */
export class LanguageService {
  private readonly files = new Map<string, FileState>();
  private settings: AnalysisSettings = DEFAULT_SETTINGS;
  private generation = 0;
  /** invalidate(uri) calls per file state, so a sliced analysis notices that its inputs changed. */
  private readonly invalidations = new WeakMap<FileState, number>();

  constructor(
    private readonly env: AnalysisEnvironment,
    readonly workspace?: WorkspaceModel,
  ) {
    if (workspace && !env.customKinds) this.env = { ...env, customKinds: workspace };
  }

  /** The schema layer and checks diagnostics are computed with (editor features share the schema layer). */
  get environment(): AnalysisEnvironment {
    return this.env;
  }

  get currentSettings(): AnalysisSettings {
    return this.settings;
  }

  setSettings(settings: AnalysisSettings): void {
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    this.generation++;
  }

  /**
   * Parses and indexes a file version. Returns the URIs of other files whose diagnostics may have
   * changed (cross-resource dependents). A version that was already seen is not parsed again.
   */
  update(uri: string, text: string, version: number): ReadonlySet<string> {
    const existing = this.files.get(uri);
    if (existing && existing.file.version === version && existing.file.text === text) return new Set();
    return this.commit(uri, text, parseFile(uri, text, version, { previous: existing?.file }));
  }

  /**
   * update() for huge texts: the file is parsed in time slices, so other requests are served in
   * between. Resolves undefined, changing nothing, when `isStale` reports a newer version meanwhile.
   */
  async updateSliced(uri: string, text: string, version: number, options: SliceOptions = {}): Promise<ReadonlySet<string> | undefined> {
    const existing = this.files.get(uri);
    if (existing && existing.file.version === version && existing.file.text === text) return new Set();
    const file = await runInSlices(parseFileSteps(uri, text, version, { previous: existing?.file }), options);
    if (!file || options.isStale?.()) return undefined;
    return this.commit(uri, text, file);
  }

  private commit(uri: string, text: string, file: ParsedFile): ReadonlySet<string> {
    const resources = resourcesOf(file);
    const kept = this.files.get(uri)?.kept;
    const dependents = this.workspace?.updateFile(uri, file) ?? new Set<string>();
    const role = this.roleOf(uri, text);
    this.files.set(uri, { file, resources, role, kept });
    // CRDs and kustomizations change how other files are read: their single-file results are stale too.
    for (const d of dependents) this.invalidate(d);
    return dependents;
  }

  remove(uri: string): ReadonlySet<string> {
    this.files.delete(uri);
    const dependents = this.workspace?.removeFile(uri) ?? new Set<string>();
    for (const d of dependents) this.invalidate(d);
    return dependents;
  }

  get(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Final diagnostics (suppressions and severity settings applied) for a file that was updated before. */
  diagnostics(uri: string): Diagnostic[] {
    const state = this.files.get(uri);
    if (!state) return [];
    if (!this.settings.validateEnable) return [];
    state.role = this.roleOf(uri, state.file.text);
    if (!state.single || state.single.generation !== this.generation) {
      const reuse = this.documentReuse(state);
      state.single = { generation: this.generation, diagnostics: analyzeFile(state.file, state.resources, this.settings, this.env, state.role, reuse) };
      this.keep(state, reuse);
    }
    return this.withWorkspaceDiagnostics(uri, state, state.single.diagnostics);
  }

  /**
   * diagnostics() for huge files: single-file analysis runs in time slices, resource by resource.
   * Resolves undefined when the file changed, was invalidated or `isStale` turned true meanwhile.
   */
  async diagnosticsSliced(uri: string, options: SliceOptions = {}): Promise<Diagnostic[] | undefined> {
    const state = this.files.get(uri);
    if (!state) return [];
    if (!this.settings.validateEnable) return [];
    state.role = this.roleOf(uri, state.file.text);
    if (!state.single || state.single.generation !== this.generation) {
      const generation = this.generation;
      const invalidations = this.invalidations.get(state);
      const changed = (): boolean =>
        this.files.get(uri) !== state || this.generation !== generation || this.invalidations.get(state) !== invalidations || !!options.isStale?.();
      const reuse = this.documentReuse(state);
      const diagnostics = await runInSlices(analyzeFileSteps(state.file, state.resources, this.settings, this.env, state.role, reuse), {
        ...options,
        isStale: changed,
      });
      if (!diagnostics || changed()) return undefined;
      state.single = { generation, diagnostics };
      this.keep(state, reuse);
    }
    return this.withWorkspaceDiagnostics(uri, state, state.single.diagnostics);
  }

  /** Reuse of the previous analysis' per-document results, when they were computed under the same conditions. */
  private documentReuse(state: FileState): DocumentDiagnostics | undefined {
    if (!allowsDocumentReuse(state.resources)) return undefined;
    const kept = state.kept;
    const usable = kept && kept.generation === this.generation && kept.roleKey === JSON.stringify(state.role);
    return new DocumentDiagnostics(usable ? kept.entries : undefined);
  }

  private keep(state: FileState, reuse: DocumentDiagnostics | undefined): void {
    state.kept = reuse ? { generation: this.generation, roleKey: JSON.stringify(state.role), entries: reuse.entries() } : undefined;
  }

  private withWorkspaceDiagnostics(uri: string, state: FileState, single: readonly Diagnostic[]): Diagnostic[] {
    const all = [...single];
    if (this.workspace && !state.role.helmTemplate) all.push(...this.workspace.crossDiagnostics(uri, this.settings));
    const final = applySuppressions(state.file, state.resources, all, this.settings);
    for (let i = 0; i < final.length; i++) {
      const message = boundedMessage(final[i].message);
      if (message !== final[i].message) final[i] = { ...final[i], message };
    }
    return final;
  }

  /** Forget cached single-file results (e.g. after CRDs or kustomizations changed). */
  invalidate(uri?: string): void {
    if (uri) {
      const s = this.files.get(uri);
      if (s) {
        s.single = undefined;
        s.kept = undefined;
        this.invalidations.set(s, (this.invalidations.get(s) ?? 0) + 1);
      }
    } else {
      this.generation++;
    }
  }

  private roleOf(uri: string, text: string): FileRole {
    const fromWorkspace = this.workspace?.fileRole(uri) ?? PLAIN_FILE;
    return looksLikeHelmTemplate(uri, text) ? { ...fromWorkspace, helmTemplate: true } : fromWorkspace;
  }
}
