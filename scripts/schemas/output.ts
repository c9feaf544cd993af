import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KindIndex, TopIndex } from '../../server/src/core/schema/facts';
import type { ConvertedVersion } from './convert';
import { sha256 } from './sources';

/** What a version folder was generated from; equal stamps mean the folder is up to date. */
export interface Stamp {
  sourceSha256: string;
  generatorSha256: string;
}

export const STAMP_FILE = 'stamp.json';

export function versionDir(schemasDir: string, version: string): string {
  return join(schemasDir, `v${version}`);
}

export function readStamp(dir: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as Partial<Stamp>;
    if (typeof stamp.sourceSha256 === 'string' && typeof stamp.generatorSha256 === 'string') return stamp as Stamp;
  } catch {
    // missing or unreadable: not up to date
  }
  return undefined;
}

export function isUpToDate(dir: string, expected: Stamp): boolean {
  const stamp = readStamp(dir);
  return stamp !== undefined && stamp.sourceSha256 === expected.sourceSha256 && stamp.generatorSha256 === expected.generatorSha256 && existsSync(join(dir, 'index.json'));
}

/**
 * Hash of everything that shapes the output besides the source: the generator's own sources and the
 * committed facts it reads. Changing any of them regenerates every version.
 */
export function generatorHash(repoRoot: string): string {
  const files = [join(repoRoot, 'scripts', 'buildSchemas.ts'), join(repoRoot, 'schemas', 'cluster-scoped.json')];
  const moduleDir = join(repoRoot, 'scripts', 'schemas');
  for (const name of readdirSync(moduleDir).sort()) if (name.endsWith('.ts')) files.push(join(moduleDir, name));
  return sha256(files.map((f) => `${f.slice(repoRoot.length)}\n${readFileSync(f, 'utf8')}`).join('\n'));
}

export interface WriteResult {
  files: number;
  bytes: number;
}

/** Replaces the version folder with the converted documents (minified JSON). */
export function writeVersion(dir: string, converted: ConvertedVersion, stamp: Stamp): WriteResult {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (relative: string, value: unknown): void => {
    const file = join(dir, relative);
    mkdirSync(dirname(file), { recursive: true });
    const text = JSON.stringify(value);
    writeFileSync(file, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  write('_definitions.json', converted.definitions);
  for (const { entry, schema } of converted.entries) write(entry.file, schema);
  write('index.json', converted.index);
  // The stamp goes last: an interrupted run leaves no stamp and is redone.
  write(STAMP_FILE, stamp);
  return { files, bytes };
}

export type { TopIndex };

export function buildTopIndex(schemasDir: string, versions: readonly string[]): TopIndex {
  const apis: TopIndex['apis'] = {};
  for (const version of versions) {
    const index = JSON.parse(readFileSync(join(versionDir(schemasDir, version), 'index.json'), 'utf8')) as KindIndex;
    for (const [apiVersion, kinds] of Object.entries(index)) {
      for (const kind of Object.keys(kinds)) {
        const byKind = (apis[apiVersion] ??= {});
        const range = byKind[kind];
        if (range) range[1] = version;
        else byKind[kind] = [version, version];
      }
    }
  }
  return { versions: [...versions], apis };
}

export function writeTopIndex(schemasDir: string, index: TopIndex): void {
  writeFileSync(join(schemasDir, 'index.json'), JSON.stringify(index));
}
