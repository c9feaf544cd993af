import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../server/src/core/analysis/settings';
import { parseFile } from '../../server/src/core/parse/parseFile';
import type { Diagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

export const ROOT = 'file:///ws/';

export function uriOf(path: string): string {
  return `${ROOT}${path}`;
}

/** A workspace index holding the given files (path → text). */
export function workspaceOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.updateFile(uriOf(path), parseFile(uriOf(path), text));
  return index;
}

/** Replaces a file's text; returns the dependents as workspace-relative paths, sorted. */
export function edit(index: WorkspaceIndex, path: string, text: string, version = 1): string[] {
  return relative(index.updateFile(uriOf(path), parseFile(uriOf(path), text, version)));
}

export function relative(uris: Iterable<string>): string[] {
  return [...uris].map((u) => u.slice(ROOT.length)).sort();
}

export function crossOf(index: WorkspaceIndex, path: string, settings: Partial<AnalysisSettings> = {}): Diagnostic[] {
  return index.crossDiagnostics(uriOf(path), { ...DEFAULT_SETTINGS, ...settings });
}

/** Diagnostics of one rule in one file. */
export function ofRule(index: WorkspaceIndex, path: string, rule: string, settings: Partial<AnalysisSettings> = {}): Diagnostic[] {
  return crossOf(index, path, settings).filter((d) => d.code === rule);
}

/** "line:char-line:char" (1-based lines) for compact range assertions. */
export function at(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character}`;
}

/** YAML documents joined with ---. */
export function docs(...texts: string[]): string {
  return texts.map((t) => t.replace(/^\n/, '')).join('---\n');
}

export function deployment(name: string, labels: Record<string, string>, extra: { namespace?: string; ports?: string; podSpec?: string } = {}): string {
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join('\n');
  const selectorLines = Object.entries(labels)
    .map(([k, v]) => `      ${k}: ${v}`)
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra.namespace ? `  namespace: ${extra.namespace}\n` : ''}spec:
  selector:
    matchLabels:
${selectorLines}
  template:
    metadata:
      labels:
${labelLines}
    spec:
      containers:
        - name: app
          image: nginx:1.27
${extra.ports ?? ''}${extra.podSpec ?? ''}`;
}

export function service(name: string, selector: Record<string, string>, extra: { namespace?: string; ports?: string } = {}): string {
  const selectorLines = Object.entries(selector)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n');
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra.namespace ? `  namespace: ${extra.namespace}\n` : ''}spec:
  selector:
${selectorLines}
  ports:
${extra.ports ?? '    - port: 80\n'}`;
}
