import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '../../server/src/core/schema/ajvFactory';
import type { KindIndex } from './convert';

/** Compiles every entry schema of a generated version folder with the runtime's ajv setup; throws on the first failure. */
export function compileAllKinds(dir: string): number {
  const ajv = createAjv();
  ajv.addSchema(JSON.parse(readFileSync(join(dir, '_definitions.json'), 'utf8')) as object);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as KindIndex;
  let count = 0;
  for (const kinds of Object.values(index)) {
    for (const entry of Object.values(kinds)) {
      ajv.compile(JSON.parse(readFileSync(join(dir, entry.file), 'utf8')) as object);
      count++;
    }
  }
  return count;
}
