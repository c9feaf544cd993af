import * as vscode from 'vscode';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { withTimeout } from '../harness';

export const EXTENSION_ID = 'shipshape.shipshape';

/** Activates the extension under test (tests may run before the first YAML file opens). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this window.`);
  await extension.activate();
  return extension;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The test window has no workspace folder.');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document);
}

export function shipshapeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
}

/** Resolves with the file's Shipshape diagnostics once `accept` holds for them (checked on every change). */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  let subscription: vscode.Disposable | undefined;
  const settled = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = (): boolean => {
      const current = shipshapeDiagnostics(uri);
      if (!accept(current)) return false;
      resolve(current);
      return true;
    };
    if (check()) return;
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
  });
  const describe = (): string => JSON.stringify(shipshapeDiagnostics(uri).map(summary));
  return withTimeout(settled, timeoutMs, `Diagnostics of ${uri.path} did not match (last: ${describe()})`).finally(() => subscription?.dispose());
}

export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function summary(diagnostic: vscode.Diagnostic): string {
  const { start } = diagnostic.range;
  return `${start.line + 1}:${start.character + 1} [${ruleId(diagnostic) ?? '-'}] ${diagnostic.message}`;
}

/** 0-based line of the first line of the document that contains `text`. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  throw new Error(`"${text}" is not in ${document.uri.path}`);
}

/**
 * Language-server processes started by this extension host: children of this process that run
 * dist/server.js. Linux only (reads /proc).
 */
export function languageServerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Polls `condition` every 100 ms; for state that raises no event (such as the process table). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${failure} after ${timeoutMs} ms`);
    await delay(100);
  }
}
