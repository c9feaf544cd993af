/** The whole analysis pipeline (language service + workspace index) over in-memory files, for policy tests. */
import { normalizeSettings } from '../../server/src/core/analysis/settings';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import type { Diagnostic } from '../../server/src/core/types';

export const ROOT = 'file:///policy/';

/** Final diagnostics per file (path → diagnostics) for files (path → text) under raw settings. */
export function analyze(files: Record<string, string>, settings: Record<string, unknown> = {}): Map<string, Diagnostic[]> {
  const service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
  service.setSettings(normalizeSettings(settings));
  for (const [path, text] of Object.entries(files)) service.update(ROOT + path, text, 1);
  return new Map(Object.keys(files).map((path) => [path, service.diagnostics(ROOT + path)]));
}

/** Diagnostics of all files, flattened. */
export function allDiagnostics(files: Record<string, string>, settings: Record<string, unknown> = {}): Diagnostic[] {
  return [...analyze(files, settings).values()].flat();
}
