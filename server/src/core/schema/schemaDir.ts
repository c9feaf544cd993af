import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file that marks the schemas folder (committed, so it exists even before `npm run schemas`). */
const MARKER = join('schemas', 'removed-apis.json');

/**
 * The `schemas/` folder of the installation: searched upward from `startDir`, so it is found from
 * the sources, from `out/` (tests) and from `dist/` (bundles).
 */
export function findSchemaDir(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, MARKER))) return join(dir, 'schemas');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No schemas/removed-apis.json found in ${startDir} or any folder above it.`);
    dir = parent;
  }
}
