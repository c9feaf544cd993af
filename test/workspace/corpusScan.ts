/**
 * Indexes each folder of the real-world corpus as its own workspace (the files directly in it) and
 * collects the cross-resource diagnostics. Shared by the corpus test and ad-hoc inspection.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { parseFile } from '../../server/src/core/parse/parseFile';
import type { Diagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

export const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-world');

export interface Finding {
  file: string;
  diagnostic: Diagnostic;
}

export function corpusRoot(): string | undefined {
  for (const candidate of [CORPUS, resolve(process.cwd(), '..', 'shared', 'corpus', 'real-world')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** Folders holding manifests, each with the manifest files directly inside it. */
export function corpusFolders(root: string): { folder: string; files: string[] }[] {
  const out: { folder: string; files: string[] }[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir).sort();
    const files = entries.filter((e) => /\.(ya?ml|json)$/.test(e) && statSync(join(dir, e)).isFile()).map((e) => join(dir, e));
    if (files.length > 0) out.push({ folder: dir, files });
    for (const e of entries) if (statSync(join(dir, e)).isDirectory()) walk(join(dir, e));
  };
  walk(root);
  return out;
}

export function scanFolder(files: string[]): Finding[] {
  const index = new WorkspaceIndex();
  const uris = files.map((f) => pathToFileURL(f).href);
  files.forEach((f, i) => index.updateFile(uris[i], parseFile(uris[i], readFileSync(f, 'utf8'))));
  const out: Finding[] = [];
  uris.forEach((uri, i) => {
    for (const diagnostic of index.crossDiagnostics(uri, DEFAULT_SETTINGS)) out.push({ file: files[i], diagnostic });
  });
  return out;
}
