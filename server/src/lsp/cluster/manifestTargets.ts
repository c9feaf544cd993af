import type { Resource } from '../../core/model/resource';
import type { FileState, LanguageService } from '../../core/service/languageService';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceFiles } from '../fileAccess';
import { updateText } from '../largeDocuments';
import type { ApplyParams } from '../protocol';

/** A request names something that is not there: answered with an InvalidParams error. */
export class TargetError extends Error {}

/**
 * The file state of `uri`: the open document's current version, the indexed workspace file, or the
 * file on disk when the index does not hold it yet. Only regular files inside the workspace folders
 * are read (never a FIFO, a device or a path such as `/etc/shadow`).
 */
export async function manifestFile(service: LanguageService, uri: string, files: WorkspaceFiles, documents: TextDocuments<TextDocument>): Promise<FileState> {
  const open = documents.get(uri);
  if (open && service.get(uri)?.file.version !== open.version) {
    // A huge document may still be parsed in slices: wait for its current version.
    const { version } = open;
    await updateText(service, uri, open.getText(), version, () => documents.get(uri)?.version !== version);
  }
  const known = service.get(uri);
  if (known) return known;
  if (!uri.startsWith('file:')) throw new TargetError(`${uri} is not open`);
  let text: string;
  try {
    text = await files.read(uri);
  } catch (err) {
    throw new TargetError(`cannot read ${uri}: ${(err as Error).message}`);
  }
  await updateText(service, uri, text, -1, () => documents.get(uri) !== undefined);
  const state = service.get(uri);
  if (!state) throw new TargetError(`cannot read ${uri}`);
  return state;
}

/** The Kubernetes objects a request targets: one document (by index or position) or the whole file. */
export function targetResources(state: FileState, params: ApplyParams): { resources: Resource[]; wholeFile: boolean } {
  const { resources } = state;
  const documentIndex = params.documentIndex ?? -1;
  if (documentIndex >= 0) {
    const resource = resources.find((r) => r.documentIndex === documentIndex);
    if (!resource) throw new TargetError(`document ${documentIndex} of ${params.uri} is not a Kubernetes object (apiVersion and kind are required)`);
    return { resources: [resource], wholeFile: false };
  }
  if (params.position) {
    const line = params.position.line;
    const containing = resources.find((r) => r.range.start.line <= line && line <= r.range.end.line);
    const above = [...resources].reverse().find((r) => r.range.start.line <= line);
    const resource = containing ?? above ?? resources[0];
    if (!resource) throw new TargetError(`${params.uri} has no Kubernetes object`);
    return { resources: [resource], wholeFile: false };
  }
  if (resources.length === 0) throw new TargetError(`${params.uri} has no Kubernetes object`);
  return { resources, wholeFile: true };
}
