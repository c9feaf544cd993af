import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resource } from '../../core/model/resource';
import type { FileState, LanguageService } from '../../core/service/languageService';
import type { ApplyParams } from '../protocol';

/** A request names something that is not there: answered with an InvalidParams error. */
export class TargetError extends Error {}

/**
 * The file state of `uri`: the open document's current version, or the file on disk (read and indexed
 * when the workspace index does not hold it yet, e.g. a file outside the workspace folders).
 */
export async function manifestFile(service: LanguageService, uri: string): Promise<FileState> {
  const known = service.get(uri);
  if (known) return known;
  if (!uri.startsWith('file:')) throw new TargetError(`${uri} is not open`);
  let text: string;
  try {
    text = await fs.readFile(fileURLToPath(uri), 'utf8');
  } catch (err) {
    throw new TargetError(`cannot read ${uri}: ${(err as Error).message}`);
  }
  service.update(uri, text, -1);
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
