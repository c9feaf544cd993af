/**
 * Writes validators.js (and its V8 code cache) for Kubernetes version folders when they are missing or
 * out of date. Used by `npm run schemas` (for the default version) and scripts/buildValidators.ts.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HEADER_PREFIX, loadValidatorsScript, readStamp, VALIDATORS_FILE } from '../../server/src/core/schema/precompiledValidators';
import { generatorHash, generateValidators } from './generate';

function currentHeader(file: string): { stamp?: string; generator?: string } | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n'));
  if (!firstLine.startsWith(HEADER_PREFIX)) return undefined;
  try {
    return JSON.parse(firstLine.slice(HEADER_PREFIX.length)) as { stamp?: string; generator?: string };
  } catch {
    return undefined;
  }
}

/**
 * Writes the V8 code cache of validators.js after running every validator once (so the cache holds the
 * compiled functions, not just the parsed top level). Only a V8 like this one's accepts it; others
 * parse the code as usual.
 */
function writeCodeCache(dir: string, version: string, log: (line: string) => void): void {
  const loaded = loadValidatorsScript(dir);
  if (!loaded) throw new Error(`${join(dir, VALIDATORS_FILE)} could not be loaded`);
  if (loaded.usedCodeCache) return;
  const sample = { apiVersion: 'v1', kind: 'Sample', metadata: { name: 'sample', labels: { app: 'sample' } }, spec: {} };
  for (const validate of loaded.validators.values()) {
    validate({});
    validate(sample);
  }
  for (const name of readdirSync(dir)) if (/^validators\.[0-9a-f]+\.cache$/.test(name)) rmSync(join(dir, name));
  const data = loaded.script.createCachedData();
  writeFileSync(loaded.cacheFile, data);
  log(`validators: v${version}: code cache ${(data.length / 1024).toFixed(0)} KiB (node ${process.version})`);
}

export function buildValidators(schemasDir: string, versions: readonly string[], force: boolean, log: (line: string) => void = console.log): void {
  const generator = generatorHash(join(schemasDir, '..'));
  for (const version of versions) {
    const started = performance.now();
    const dir = join(schemasDir, `v${version}`);
    const stamp = readStamp(dir);
    if (stamp === undefined) throw new Error(`schemas/v${version} has no stamp.json; run \`npm run schemas\` first`);
    const file = join(dir, VALIDATORS_FILE);
    const existing = currentHeader(file);
    if (!force && existing?.stamp === stamp && existing.generator === generator) {
      log(`validators: v${version} up to date`);
    } else {
      const { code, kinds } = generateValidators(dir, stamp, generator);
      writeFileSync(file, code);
      log(
        `validators: v${version}: ${kinds} kinds, ${(code.length / 1024).toFixed(0)} KiB of precompiled validators in ${Math.round(performance.now() - started)} ms`,
      );
    }
    writeCodeCache(dir, version, log);
  }
}
