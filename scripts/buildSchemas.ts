/**
 * `npm run schemas`: generates schemas/v1.25 … schemas/v1.36 from the Kubernetes OpenAPI definitions.
 *
 *   node scripts/run-ts.mjs scripts/buildSchemas.ts [--source DIR] [--base-url URL] [--force] [--check]
 *
 * Source: --source DIR, else $SHIPSHAPE_OPENAPI_DIR, else ../shared/k8s-openapi next to the repository,
 * else a download from the cdk8s repository verified against schemas/openapi-sha256.json.
 * A version whose stamp matches its source hash and the generator hash is skipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../server/src/core/analysis/settings';
import { findSchemaDir } from '../server/src/core/schema/schemaDir';
import { compileAllKinds } from './schemas/selfCheck';
import { convertVersion, type ClusterScopedKinds, type SourceSchema } from './schemas/convert';
import { buildTopIndex, generatorHash, isUpToDate, versionDir, writeTopIndex, writeVersion, type Stamp } from './schemas/output';
import { removalGaps } from './schemas/removalGaps';
import { buildValidators } from './validators/build';
import { buildOpenApi } from './openapi/build';
import { SERVED_VERSION } from '../server/src/apiserver/discovery';
import { chooseSource, describeSource, downloadSource, readLocalSource, type LoadedSource, type SourceSpec } from './schemas/sources';

interface Args {
  source?: string;
  baseUrl?: string;
  force: boolean;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { force: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--source') args.source = value();
    else if (arg.startsWith('--source=')) args.source = arg.slice('--source='.length);
    else if (arg === '--base-url') args.baseUrl = value();
    else if (arg.startsWith('--base-url=')) args.baseUrl = arg.slice('--base-url='.length);
    else if (arg === '--force') args.force = true;
    else if (arg === '--check') args.check = true;
    else throw new Error(`Unknown argument ${arg}. Usage: buildSchemas [--source DIR] [--base-url URL] [--force] [--check]`);
  }
  return args;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const ms = (start: number): string => `${Math.round(performance.now() - start)} ms`;

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const schemasDir = findSchemaDir(__dirname);
  const repoRoot = join(schemasDir, '..');
  const expectedHashes = readJson<Record<string, string>>(join(schemasDir, 'openapi-sha256.json'));
  const clusterScoped = readJson<ClusterScopedKinds>(join(schemasDir, 'cluster-scoped.json'));
  const generator = generatorHash(repoRoot);
  const source: SourceSpec = chooseSource({ sourceFlag: args.source, baseUrlFlag: args.baseUrl, envDir: process.env.SHIPSHAPE_OPENAPI_DIR, repoRoot });
  console.log(`schemas: source ${describeSource(source)}`);

  let generated = 0;
  for (const version of SUPPORTED_KUBERNETES_VERSIONS) {
    const dir = versionDir(schemasDir, version);
    const expected = expectedHashes[`v${version}.0`];
    const versionStart = performance.now();
    // A download is skipped outright when the stamp matches the committed hash.
    if (source.kind === 'url' && !args.force && expected && isUpToDate(dir, { sourceSha256: expected, generatorSha256: generator })) {
      console.log(`  v${version}: up to date`);
      continue;
    }
    const loaded: LoadedSource = source.kind === 'dir' ? readLocalSource(source.dir, version) : await downloadSource(source.baseUrl, version, expected);
    if (source.kind === 'url') console.log(`  v${version}: downloaded ${loaded.location} (${loaded.text.length} bytes, sha256 verified)`);
    else if (expected && loaded.sha256 !== expected)
      console.warn(`  v${version}: warning: ${loaded.location} differs from the sha256 in schemas/openapi-sha256.json`);
    const stamp: Stamp = { sourceSha256: loaded.sha256, generatorSha256: generator };
    if (!args.force && isUpToDate(dir, stamp)) {
      console.log(`  v${version}: up to date`);
      continue;
    }
    const definitions = (JSON.parse(loaded.text) as { definitions: Record<string, SourceSchema> }).definitions;
    const converted = convertVersion(definitions, clusterScoped);
    const written = writeVersion(dir, converted, stamp);
    generated++;
    const kinds = converted.entries.length;
    const defs = Object.keys(converted.definitions.definitions as object).length;
    console.log(`  v${version}: ${kinds} kinds, ${defs} definitions, ${written.files} files, ${(written.bytes / 1024).toFixed(0)} KiB in ${ms(versionStart)}`);
  }

  // The simulated cluster's API server publishes one version's definitions (from the same source).
  await buildOpenApi(
    schemasDir,
    () =>
      source.kind === 'dir'
        ? Promise.resolve(readLocalSource(source.dir, SERVED_VERSION))
        : downloadSource(source.baseUrl, SERVED_VERSION, expectedHashes[`v${SERVED_VERSION}.0`]),
    args.force,
    (line) => console.log(`  ${line}`),
  );

  const top = buildTopIndex(schemasDir, SUPPORTED_KUBERNETES_VERSIONS);
  writeTopIndex(schemasDir, top);
  for (const gap of removalGaps(top, readJson(join(schemasDir, 'removed-apis.json')))) console.warn(`  warning: ${gap}`);
  // Precompiled validators for the default version (the others compile on first use).
  buildValidators(schemasDir, [DEFAULT_KUBERNETES_VERSION], args.force, (line) => console.log(`  ${line}`));

  if (args.check) {
    for (const version of SUPPORTED_KUBERNETES_VERSIONS) {
      const checkStart = performance.now();
      const count = compileAllKinds(versionDir(schemasDir, version));
      console.log(`  v${version}: compiled all ${count} kinds with ajv in ${ms(checkStart)}`);
    }
  }
  console.log(`schemas: ${generated} of ${SUPPORTED_KUBERNETES_VERSIONS.length} versions generated in ${ms(started)}`);
}

main().catch((err: unknown) => {
  console.error(`schemas: ${(err as Error).message}`);
  process.exit(1);
});
