import { runDocumentChecks } from '../../server/src/core/analysis/analyzeFile';
import { normalizeSettings } from '../../server/src/core/analysis/settings';
import { resourcesOf } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import type { DocumentCheck } from '../../server/src/core/rules/check';
import { DOCUMENT_CHECKS } from '../../server/src/core/rules/index';
import type { Diagnostic } from '../../server/src/core/types';

export interface RunOptions {
  /** Treat the documents as Kustomize patches. */
  isPatch?: boolean;
  checks?: readonly DocumentCheck[];
  uri?: string;
  /** Defaults to 1.36. */
  kubernetesVersion?: string;
  /** Opt-in rule presets (`best-practices`, `security`, `all`); none by default. */
  presets?: string[];
}

/**
 * Runs the document checks over every Kubernetes document of a YAML text through the analysis
 * pipeline's own check loop (kind filter, problems turned into ranged diagnostics). A check that throws
 * fails the test.
 */
export function runChecks(text: string, options: RunOptions = {}): Diagnostic[] {
  const file = parseFile(options.uri ?? 'file:///test.yaml', text);
  const settings = normalizeSettings({ kubernetesVersion: options.kubernetesVersion ?? '1.36', presets: options.presets ?? [] });
  const out: Diagnostic[] = [];
  for (const resource of resourcesOf(file)) {
    runDocumentChecks(resource, settings, options.isPatch ?? false, options.checks ?? DOCUMENT_CHECKS, out);
  }
  const crashed = out.find((d) => d.message.startsWith('Internal error in check'));
  if (crashed) throw new Error(crashed.message);
  return out;
}

/** Messages only, for compact assertions. */
export function messages(text: string, options: RunOptions = {}): string[] {
  return runChecks(text, options).map((d) => d.message);
}

/** `line:character-line:character` (0-based) of a diagnostic, for readable range assertions. */
export function rangeText(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/** The text a diagnostic's range covers. */
export function coveredText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  if (d.range.start.line === d.range.end.line) return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
  const first = lines[d.range.start.line].slice(d.range.start.character);
  const middle = lines.slice(d.range.start.line + 1, d.range.end.line);
  const last = lines[d.range.end.line].slice(0, d.range.end.character);
  return [first, ...middle, last].join('\n');
}

/** Joins YAML lines, so fixtures read naturally in tests. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** A Deployment whose pod spec lines are given (indented for `spec.template.spec`). */
export function deployment(...podSpec: string[]): string {
  return yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    ...podSpec.map((l) => `      ${l}`),
  );
}
