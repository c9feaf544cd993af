import * as vscode from 'vscode';

/** A resource (one YAML document) in a file: chosen by document index (code lenses) or by cursor. */
export interface ResourceTarget {
  uri: string;
  documentIndex?: number;
  position?: { line: number; character: number };
}

export interface FileTarget {
  uri: string;
}

/**
 * Arguments come from a code lens (`uri: string, documentIndex: number`), from a context menu
 * (`vscode.Uri`), or are absent (palette: the active YAML editor and its cursor).
 */
export function resolveResourceTarget(args: unknown[]): ResourceTarget | undefined {
  const [first, second] = args;
  if (typeof first === 'string' && typeof second === 'number') return { uri: first, documentIndex: second };
  const editor = activeYamlEditor();
  if (first instanceof vscode.Uri && editor?.document.uri.toString() !== first.toString()) return undefined;
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

export function resolveFileTarget(args: unknown[]): FileTarget | undefined {
  const [first] = args;
  if (first instanceof vscode.Uri) return { uri: first.toString() };
  if (typeof first === 'string') return { uri: first };
  const editor = activeYamlEditor();
  return editor ? { uri: editor.document.uri.toString() } : undefined;
}

function activeYamlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'yaml' ? editor : undefined;
}
