import * as vscode from 'vscode';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ActionResponse, ApplyResponse, ClusterAction, ClusterSnapshot, KubeObject } from '../../../server/src/lsp/protocol';
import { activateExtension } from './helpers';

/** Copies a folder of the repository's examples/ into the test workspace; returns the workspace folder. */
export async function copyExample(folder: string): Promise<vscode.Uri> {
  const extension = await activateExtension();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) throw new Error('The test window has no workspace folder.');
  cpSync(join(extension.extensionPath, 'examples', folder), join(workspace.uri.fsPath, folder), { recursive: true });
  return workspace.uri;
}

export async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

/** Titles of the code lenses on one line. */
export async function lensTitles(uri: vscode.Uri, line: number): Promise<string[]> {
  return (await lenses(uri)).filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
}

/** Runs the command of the lens titled `title` on `line`, like a click, and returns its result. */
export async function clickLens<T = ApplyResponse>(uri: vscode.Uri, line: number, title: string): Promise<T> {
  const lens = (await lenses(uri)).find((l) => l.range.start.line === line && l.command?.title === title);
  if (!lens?.command) throw new Error(`No lens "${title}" on line ${line + 1} of ${uri.path}; lenses: ${JSON.stringify(await lensTitles(uri, line))}`);
  return (await vscode.commands.executeCommand<T>(lens.command.command, ...(lens.command.arguments ?? []))) as T;
}

/**
 * Polls an asynchronous condition every 200 ms: code lens titles and the cluster raise no event the
 * extension API exposes. Returns the last value that satisfied it.
 */
export async function pollUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      error = undefined;
      if (accept(last)) return last;
    } catch (thrown) {
      error = thrown;
    }
    if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms; last: ${error ? String(error) : JSON.stringify(last)}`);
    await delay(200);
  }
}

export async function snapshot(): Promise<ClusterSnapshot> {
  const result = await vscode.commands.executeCommand<ClusterSnapshot | undefined>('shipshape.cluster.snapshot');
  if (!result) throw new Error('no snapshot (is the language server running?)');
  return result;
}

export async function action(a: ClusterAction): Promise<ActionResponse> {
  const result = await vscode.commands.executeCommand<ActionResponse | undefined>('shipshape.cluster.action', a);
  if (!result) throw new Error(`action ${a.type} got no response`);
  return result;
}

export function livePods(objects: KubeObject[], namespace: string): KubeObject[] {
  return objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === namespace && !o.metadata.deletionTimestamp);
}

export function podImage(pod: KubeObject): string {
  return (pod.spec as { containers: { image: string }[] }).containers[0].image;
}

export function isReady(pod: KubeObject): boolean {
  return ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
}

/** `uid@resourceVersion` of every object: equal lists mean the same cluster state. */
export function identities(objects: KubeObject[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name} ${o.metadata.uid}@${o.metadata.resourceVersion}`).sort();
}

/**
 * The objects in the saved cluster of this window (the newest cluster.json under the user data folder
 * that run.ts passes in SHIPSHAPE_E2E_USER_DATA), or undefined when it cannot be found.
 */
export function savedObjects(): KubeObject[] | undefined {
  const userData = process.env.SHIPSHAPE_E2E_USER_DATA;
  if (!userData) return undefined;
  const storage = join(userData, 'User', 'workspaceStorage');
  if (!existsSync(storage)) return undefined;
  const files = readdirSync(storage)
    .map((id) => join(storage, id, 'shipshape.shipshape', 'cluster.json'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) return undefined;
  const saved = JSON.parse(readFileSync(files[0], 'utf8')) as { cluster: { core: { objects: KubeObject[] } } };
  return saved.cluster.core.objects;
}
