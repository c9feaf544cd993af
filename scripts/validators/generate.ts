/**
 * Generation of validators.js (ajv standalone code for every kind of one Kubernetes version folder).
 * See scripts/buildValidators.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createAjv } from '../../server/src/core/schema/ajvFactory';
import type { KindIndex } from '../../server/src/core/schema/facts';
import { DEFINITION_ANNOTATION, FORMATS_MODULE, HEADER_PREFIX, type ValidatorsHeader } from '../../server/src/core/schema/precompiledValidators';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Descriptions are documentation only; the generated code would carry a copy of each. */
function withoutDescriptions(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'description') out[key] = withoutDescriptions(value);
  return out;
}

/** Hash of what shapes the generated code besides the schemas: this script, the ajv setup, the ajv version. */
export function generatorHash(repoRoot: string): string {
  const hash = createHash('sha256');
  for (const file of [
    'scripts/validators/generate.ts',
    'server/src/core/schema/ajvFactory.ts',
    'server/src/core/schema/kubernetesFormats.ts',
    'server/src/core/schema/precompiledValidators.ts',
    'node_modules/ajv/package.json',
  ]) {
    hash.update(file).update(readFileSync(join(repoRoot, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The standalone module: a header line, then a function expression taking the `require` to use. */
export function generateValidators(versionDir: string, stamp: string, generator: string): { code: string; kinds: number } {
  const definitions = withoutDescriptions(JSON.parse(readFileSync(join(versionDir, '_definitions.json'), 'utf8')) as Json) as {
    definitions: Record<string, { [key: string]: Json }>;
  };
  for (const [name, node] of Object.entries(definitions.definitions)) node[DEFINITION_ANNOTATION] = name;
  const ajv = createAjv({ code: { source: true, formats: _`require(${FORMATS_MODULE})` } });
  ajv.addKeyword({ keyword: DEFINITION_ANNOTATION, schemaType: ['string'] });
  ajv.addSchema(definitions as object);
  const index = JSON.parse(readFileSync(join(versionDir, 'index.json'), 'utf8')) as KindIndex;
  const kinds: Record<string, string> = {};
  const exportsToIds: Record<string, string> = {};
  let n = 0;
  for (const [apiVersion, byKind] of Object.entries(index)) {
    for (const [kind, entry] of Object.entries(byKind)) {
      const schema = JSON.parse(readFileSync(join(versionDir, entry.file), 'utf8')) as Record<string, Json>;
      // A flat id next to _definitions.json, so the entry's relative $ref resolves as it does at run time.
      const id = `kind-${n}.json`;
      ajv.addSchema({ ...schema, $id: id });
      const name = `k${n}`;
      kinds[`${apiVersion} ${kind}`] = name;
      exportsToIds[name] = id;
      n++;
    }
  }
  const body = standaloneCode(ajv, exportsToIds);
  const header: ValidatorsHeader & { generator: string } = { stamp, kinds, generator };
  const code = `${HEADER_PREFIX}${JSON.stringify(header)}\n(function (require) {\nconst exports = {};\n${body}\nreturn exports;\n})\n`;
  return { code, kinds: n };
}
