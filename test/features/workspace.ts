import type { AnalysisEnvironment } from '../../server/src/core/analysis/analyzeFile';
import { EditorFeatures } from '../../server/src/core/features/editorFeatures';
import type { CodeActionEntry, CompletionEntry, WorkspaceEditResult } from '../../server/src/core/features/types';
import { createSchemaChecks } from '../../server/src/core/schema/kubernetesSchemas';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import type { Diagnostic, Position } from '../../server/src/core/types';
import { applyEdits, atCursor } from './cursorText';

/**
 * The analysis environment of the server and the CLI. Where the default environment does not validate
 * against schemas yet, the generated schemas are used, so that "no diagnostics" means something.
 */
export function analysisEnvironment(): AnalysisEnvironment {
  const env = createDefaultEnvironment();
  const schema = env.schema as Partial<ReturnType<typeof createSchemaChecks>>;
  return typeof schema.describeField === 'function' ? env : { ...env, schema: createSchemaChecks() };
}

let shared: AnalysisEnvironment | undefined;

/**
 * A LanguageService with files and the editor features over it, as the server builds them (with the
 * workspace index, so cross-resource diagnostics are part of "no new diagnostics").
 */
export class FeatureWorkspace {
  readonly service: LanguageService;
  readonly features: EditorFeatures;
  private versions = new Map<string, number>();

  constructor(files: Record<string, string> = {}, settings: { kubernetesVersion?: string; withoutIndex?: boolean } = {}) {
    shared ??= analysisEnvironment();
    this.service = new LanguageService(shared, settings.withoutIndex ? undefined : createWorkspaceModel());
    if (settings.kubernetesVersion) this.service.setSettings({ ...this.service.currentSettings, kubernetesVersion: settings.kubernetesVersion });
    this.features = new EditorFeatures(this.service);
    for (const [uri, text] of Object.entries(files)) this.set(uri, text);
  }

  set(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.service.update(uri, text, version);
  }

  text(uri: string): string {
    return this.service.get(uri)?.file.text ?? '';
  }

  /** Opens `fixture` (with a `|` cursor) as `uri` and returns the completions at the cursor. */
  complete(uri: string, fixture: string, options = { snippets: true, resourceSnippets: true }, marker = '|'): CompletionEntry[] {
    const { text, position } = atCursor(fixture, marker);
    this.set(uri, text);
    return this.features.completion(uri, position, options);
  }

  /** Sets `fixture` and returns the cursor position. */
  at(uri: string, fixture: string, marker = '|'): Position {
    const { text, position } = atCursor(fixture, marker);
    this.set(uri, text);
    return position;
  }

  applyEdit(edit: WorkspaceEditResult): void {
    for (const [uri, edits] of Object.entries(edit.changes)) this.set(uri, applyEdits(this.text(uri), edits));
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.service.diagnostics(uri);
  }

  /** Applies a completion item (main edit and additional edits) to the document and returns the new text. */
  accept(uri: string, item: CompletionEntry): string {
    const edits = [{ range: item.range, newText: item.insertText }, ...(item.additionalEdits ?? [])];
    const text = applyEdits(this.text(uri), edits);
    this.set(uri, text);
    return text;
  }
}

export interface FixOutcome {
  action: CodeActionEntry;
  /** Diagnostics (uri, code, message) present after the fix that were not there before. */
  added: string[];
  /** Whether the fixed diagnostic is gone. */
  fixed: boolean;
}

/** `uri code: message` of every diagnostic of every file. */
export function diagnosticLines(ws: FeatureWorkspace): string[] {
  const out: string[] = [];
  for (const uri of [...ws.service.uris()].sort()) for (const d of ws.diagnostics(uri)) out.push(`${uri} ${d.code}: ${d.message}`);
  return out;
}

/**
 * Runs the quick fix titled like `title` for the first diagnostic of `code` (with a message like
 * `message`) in `uri`, applies its edits
 * and diagnoses every file again.
 */
export function applyFix(ws: FeatureWorkspace, uri: string, code: string, title: RegExp, message?: RegExp): FixOutcome {
  const before = diagnosticLines(ws);
  const target = ws.diagnostics(uri).find((d) => d.code === code && (!message || message.test(d.message)));
  if (!target) throw new Error(`no ${code} diagnostic in ${uri}: ${before.join('\n')}`);
  const actions = ws.features.codeActions(uri, target.range, [target]);
  const action = actions.find((a) => title.test(a.title));
  if (!action) throw new Error(`no action ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  ws.applyEdit(action.edit);
  const after = diagnosticLines(ws);
  const remaining = [...before];
  const added: string[] = [];
  for (const line of after) {
    const i = remaining.indexOf(line);
    if (i >= 0) remaining.splice(i, 1);
    else added.push(line);
  }
  const fixed = !after.includes(`${uri} ${code}: ${target.message}`);
  return { action, added, fixed };
}

export function labels(items: readonly CompletionEntry[]): string[] {
  return items.map((i) => i.label);
}
