import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the published cdk8s copies of the definitions live (one folder per vX.Y.0). */
export const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/';

export type SourceSpec = { kind: 'dir'; dir: string; origin: string } | { kind: 'url'; baseUrl: string };

export interface SourceOptions {
  /** `--source DIR` */
  sourceFlag?: string;
  /** `--base-url URL` (a mirror of the cdk8s kubernetes-schemas folder) */
  baseUrlFlag?: string;
  /** SHIPSHAPE_OPENAPI_DIR */
  envDir?: string;
  repoRoot: string;
}

/** Flag, then environment variable, then ../shared/k8s-openapi next to the repository, then the network. */
export function chooseSource(options: SourceOptions): SourceSpec {
  if (options.sourceFlag) return { kind: 'dir', dir: resolve(options.sourceFlag), origin: '--source' };
  if (options.envDir) return { kind: 'dir', dir: resolve(options.envDir), origin: 'SHIPSHAPE_OPENAPI_DIR' };
  const sibling = resolve(options.repoRoot, '..', 'shared', 'k8s-openapi');
  if (!options.baseUrlFlag && existsSync(sibling)) return { kind: 'dir', dir: sibling, origin: '../shared/k8s-openapi' };
  const baseUrl = options.baseUrlFlag ?? DEFAULT_BASE_URL;
  return { kind: 'url', baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/` };
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** "1.36" → "v1.36.0" */
export function sourceFolderName(version: string): string {
  return `v${version}.0`;
}

export function describeSource(source: SourceSpec): string {
  return source.kind === 'dir' ? `${source.dir} (from ${source.origin})` : `${source.baseUrl} (download, verified against schemas/openapi-sha256.json)`;
}

export interface LoadedSource {
  text: string;
  sha256: string;
  /** Where the text came from, for the log. */
  location: string;
}

/** Reads a local copy. A local file is trusted as it is; its hash only feeds the up-to-date check. */
export function readLocalSource(dir: string, version: string): LoadedSource {
  const file = join(dir, sourceFolderName(version), '_definitions.json');
  if (!existsSync(file)) throw new Error(`Missing ${file}. Point --source or SHIPSHAPE_OPENAPI_DIR at a folder holding vX.Y.0/_definitions.json.`);
  const text = readFileSync(file, 'utf8');
  return { text, sha256: sha256(text), location: file };
}

/** Downloads one version and checks it against the committed sha256; a mismatch is an error. */
export async function downloadSource(baseUrl: string, version: string, expectedSha256: string | undefined): Promise<LoadedSource> {
  if (!expectedSha256) throw new Error(`No sha256 for ${version} in schemas/openapi-sha256.json; refusing to use an unverified download.`);
  const url = `${baseUrl}${sourceFolderName(version)}/_definitions.json`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${response.statusText}`);
  const buffer = Buffer.from(await response.arrayBuffer());
  const actual = sha256(buffer);
  if (actual !== expectedSha256) throw new Error(`GET ${url}: sha256 ${actual} does not match the expected ${expectedSha256}`);
  return { text: buffer.toString('utf8'), sha256: actual, location: url };
}
