/**
 * Writes schemas/v<served>/openapi.json: the Kubernetes definitions in the form the simulated
 * cluster's API server publishes them (`/openapi/v2`, `/openapi/v3`) and checks unknown fields with.
 * Generated from the same source as the validation schemas; never committed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVED_VERSION } from '../../server/src/apiserver/discovery';
import { sha256, type LoadedSource } from '../schemas/sources';

type Schema = Record<string, unknown>;

const OPEN_FORMATS: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    type: 'string',
    format: 'int-or-string',
    description: 'IntOrString is a type that can hold an int32 or a string.',
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string', description: 'Quantity is a fixed-point representation of a number.' },
};

/** Undoes the JSON-Schema conversion where it differs from the published OpenAPI: int-or-string, quantities, kind enums. */
export function toPublished(definitions: Record<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(definitions)) {
    if (OPEN_FORMATS[name]) {
      out[name] = OPEN_FORMATS[name];
      continue;
    }
    const copy: Schema = { ...schema };
    const props = copy.properties as Record<string, Schema> | undefined;
    if (props?.kind && Array.isArray(props.kind.enum)) {
      const kind = { ...props.kind };
      delete kind.enum;
      copy.properties = { ...props, kind };
    }
    out[name] = copy;
  }
  return out;
}

/** Writes the file unless it is up to date with the source text and this generator. */
export async function buildOpenApi(schemasDir: string, load: () => Promise<LoadedSource>, force: boolean, log: (line: string) => void): Promise<void> {
  const target = join(schemasDir, `v${SERVED_VERSION}`, 'openapi.json');
  const generator = readFileSync(__filename, 'utf8');
  let previous: string | undefined;
  if (existsSync(target) && !force) {
    try {
      previous = (JSON.parse(readFileSync(target, 'utf8')) as { generator?: string }).generator;
    } catch {
      // rewritten below
    }
  }
  if (previous === sha256(generator)) return;
  const loaded = await load();
  const stamp = sha256(loaded.text + generator);
  const definitions = (JSON.parse(loaded.text) as { definitions: Record<string, Schema> }).definitions;
  writeFileSync(target, JSON.stringify({ stamp, generator: sha256(generator), version: SERVED_VERSION, definitions: toPublished(definitions) }));
  log(`v${SERVED_VERSION}: API server OpenAPI definitions written to ${target}`);
}
