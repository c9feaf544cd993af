/**
 * Writes schemas/vX.Y/validators.js: ajv standalone code validating every kind of a Kubernetes version,
 * so the schema layer does not compile schemas at run time (the first Deployment took ~300 ms to compile).
 * `npm run schemas` does this for the default Kubernetes version; other versions compile lazily unless
 * precompiled here.
 *
 *   node scripts/run-ts.mjs scripts/buildValidators.ts [--versions 1.35,1.36] [--force]
 *
 * The file records the version folder's stamp.json; the schema layer ignores a validators.js whose
 * stamp differs (the folder was regenerated since).
 */
import { DEFAULT_KUBERNETES_VERSION } from '../server/src/core/analysis/settings';
import { findSchemaDir } from '../server/src/core/schema/schemaDir';
import { buildValidators } from './validators/build';

function parseArgs(argv: readonly string[]): { versions: string[]; force: boolean } {
  let versions = [DEFAULT_KUBERNETES_VERSION];
  let force = false;
  const list = (value: string): string[] => value.split(',').map((v) => v.trim().replace(/^v/, ''));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') force = true;
    else if (arg === '--versions' && argv[i + 1]) versions = list(argv[++i]);
    else if (arg.startsWith('--versions=')) versions = list(arg.slice('--versions='.length));
    else throw new Error(`Unknown argument ${arg}. Usage: buildValidators [--versions 1.35,1.36] [--force]`);
  }
  return { versions, force };
}

const { versions, force } = parseArgs(process.argv.slice(2));
buildValidators(findSchemaDir(__dirname), versions, force);
