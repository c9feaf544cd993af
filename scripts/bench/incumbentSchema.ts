/**
 * One standalone, strict JSON Schema for yaml-language-server, built from the same generated
 * Kubernetes definitions Shipshape validates with (schemas/vX.Y): an `if apiVersion/kind then $ref`
 * branch per kind, and every definition those kinds reach. Objects are closed
 * (additionalProperties: false) exactly as in Shipshape's schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KindIndex } from '../../server/src/core/schema/facts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const REF = /"\$ref":"#\/definitions\/([^"]+)"/g;

export function incumbentSchema(versionDir: string, kinds: readonly [apiVersion: string, kind: string][]): Json {
  const all = (JSON.parse(readFileSync(join(versionDir, '_definitions.json'), 'utf8')) as { definitions: Record<string, Json> }).definitions;
  const index = JSON.parse(readFileSync(join(versionDir, 'index.json'), 'utf8')) as KindIndex;
  const branches: Json[] = [];
  const queue: string[] = [];
  for (const [apiVersion, kind] of kinds) {
    const entry = index[apiVersion]?.[kind];
    if (!entry) throw new Error(`${apiVersion} ${kind} is not in ${versionDir}`);
    queue.push(entry.definition);
    branches.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${entry.definition}` },
    });
  }
  const definitions: Record<string, Json> = {};
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (definitions[name] !== undefined) continue;
    definitions[name] = all[name];
    for (const m of JSON.stringify(all[name]).matchAll(REF)) if (definitions[m[1]] === undefined) queue.push(m[1]);
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', allOf: branches, definitions };
}
