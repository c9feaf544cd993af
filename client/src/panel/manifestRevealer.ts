import * as vscode from 'vscode';
import type { ObjectRef } from '../../../server/src/lsp/protocol';
import { findManifest, mightDefine, type ManifestMatch } from './manifestSearch';
import type { ManifestRevealer, RevealOutcome } from './panelController';

const YAML_FILES = '**/*.{yaml,yml}';
const EXCLUDED = '**/{node_modules,.git}/**';
const MAX_FILES = 2000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface CachedText {
  mtime: number;
  text: string;
}

/**
 * Opens the manifest of an object: open YAML editors first (their unsaved text counts), then the
 * workspace's YAML files. For each reference in order (the object, then its owners) the first file
 * that defines it wins.
 */
export class WorkspaceManifestRevealer implements ManifestRevealer {
  private readonly cache = new Map<string, CachedText>();

  /** `panelColumn` is where the panel is: the manifest opens in another editor group. */
  constructor(private readonly panelColumn: () => vscode.ViewColumn | undefined) {}

  async reveal(refs: ObjectRef[]): Promise<RevealOutcome> {
    const sources = await this.sources(refs);
    for (const ref of refs) {
      for (const source of sources) {
        const text = await source.text();
        if (text === undefined) continue;
        const match = findManifest(text, ref);
        if (match) return this.open(source.uri, match, ref);
      }
    }
    const first = refs[0];
    return { message: `No manifest in the workspace defines ${describeRef(first)}${refs.length > 1 ? ' or its owners' : ''}.` };
  }

  private async sources(refs: ObjectRef[]): Promise<{ uri: vscode.Uri; text: () => Promise<string | undefined> }[]> {
    const open = vscode.workspace.textDocuments.filter((doc) => doc.languageId === 'yaml' && !doc.isClosed);
    const openUris = new Set(open.map((doc) => doc.uri.toString()));
    const files = vscode.workspace.workspaceFolders ? await vscode.workspace.findFiles(YAML_FILES, EXCLUDED, MAX_FILES) : [];
    const relevant = (text: string | undefined): string | undefined => (text !== undefined && refs.some((ref) => mightDefine(text, ref)) ? text : undefined);
    return [
      ...open.map((doc) => ({ uri: doc.uri, text: async () => relevant(doc.getText()) })),
      ...files.filter((uri) => !openUris.has(uri.toString())).map((uri) => ({ uri, text: async () => relevant(await this.read(uri)) })),
    ];
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) return undefined;
      const key = uri.toString();
      const cached = this.cache.get(key);
      if (cached && cached.mtime === stat.mtime) return cached.text;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.cache.set(key, { mtime: stat.mtime, text });
      return text;
    } catch {
      return undefined;
    }
  }

  private async open(uri: vscode.Uri, match: ManifestMatch, ref: ObjectRef): Promise<RevealOutcome> {
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(match.start), document.positionAt(match.end));
    await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(uri), preserveFocus: true, selection: range });
    const location = `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}`;
    return { found: ref, location, message: `${describeRef(ref)} is defined in ${location}.` };
  }

  /** The group already showing the file, else any editor group other than the panel's. */
  private editorColumn(uri: vscode.Uri): vscode.ViewColumn {
    const panel = this.panelColumn();
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.viewColumn !== undefined && editor.viewColumn !== panel);
    const showing = editors.find((editor) => editor.document.uri.toString() === uri.toString());
    const column = showing?.viewColumn ?? editors[0]?.viewColumn;
    if (column !== undefined) return column;
    return panel === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
