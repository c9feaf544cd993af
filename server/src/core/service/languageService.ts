import { analyzeFile, type AnalysisEnvironment } from '../analysis/analyzeFile';
import { looksLikeHelmTemplate, PLAIN_FILE, type FileRole } from '../analysis/fileRole';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../analysis/settings';
import { applySuppressions } from '../analysis/suppressions';
import { resourcesOf, type Resource } from '../model/resource';
import { parseFile, type ParsedFile } from '../parse/parseFile';
import type { CustomKindRegistry } from '../schema/schemaChecks';
import type { Diagnostic } from '../types';

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
}

/**
 * The transport-free façade shared by the language server and the CLI: holds parsed files (once per
 * version), feeds the workspace index and produces final diagnostics.
 */
export class LanguageService {
  private readonly files = new Map<string, FileState>();
  private settings: AnalysisSettings = DEFAULT_SETTINGS;
  private generation = 0;

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
    const file = parseFile(uri, text, version, { previous: existing?.file });
    const resources = resourcesOf(file);
    const dependents = this.workspace?.updateFile(uri, file) ?? new Set<string>();
    const role = this.roleOf(uri, text);
    this.files.set(uri, { file, resources, role });
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
      state.single = { generation: this.generation, diagnostics: analyzeFile(state.file, state.resources, this.settings, this.env, state.role) };
    }
    const all = [...state.single.diagnostics];
    if (this.workspace && !state.role.helmTemplate) all.push(...this.workspace.crossDiagnostics(uri, this.settings));
    return applySuppressions(state.file, state.resources, all, this.settings);
  }

  /** Forget cached single-file results (e.g. after CRDs or kustomizations changed). */
  invalidate(uri?: string): void {
    if (uri) {
      const s = this.files.get(uri);
      if (s) s.single = undefined;
    } else {
      this.generation++;
    }
  }

  private roleOf(uri: string, text: string): FileRole {
    const fromWorkspace = this.workspace?.fileRole(uri) ?? PLAIN_FILE;
    return looksLikeHelmTemplate(uri, text) ? { ...fromWorkspace, helmTemplate: true } : fromWorkspace;
  }
}
