import * as vscode from 'vscode';
import type { ApplyParams } from '../../server/src/lsp/protocol';

/**
 * What a cluster command acts on, as `shipshape/cluster/apply` and `delete` parameters. Arguments
 * come from a code lens (`uri: string, documentIndex: number`), from a context menu (`vscode.Uri`),
 * or are absent (palette: the active YAML editor, and for one resource the document at its cursor).
 */
export function resolveResourceTarget(args: unknown[]): ApplyParams | undefined {
  const [first, second] = args;
  if (typeof first === 'string' && typeof second === 'number') return { uri: first, documentIndex: second };
  const editor = activeYamlEditor();
  if (!editor) return undefined;
  // From the editor's context menu the argument is the editor's own file.
  if (first instanceof vscode.Uri && editor.document.uri.toString() !== first.toString()) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

/** Every document of a file: the file passed (explorer, lens) or the active YAML editor's. */
export function resolveFileTarget(args: unknown[]): ApplyParams | undefined {
  const [first] = args;
  if (first instanceof vscode.Uri) return { uri: first.toString(), documentIndex: -1 };
  if (typeof first === 'string') return { uri: first, documentIndex: -1 };
  const editor = activeYamlEditor();
  return editor ? { uri: editor.document.uri.toString(), documentIndex: -1 } : undefined;
}

function activeYamlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'yaml' ? editor : undefined;
}
