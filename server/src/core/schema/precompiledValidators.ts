/**
 * Validators generated ahead of time with ajv's standalone code (`validators.js` in a version folder,
 * written by scripts/buildValidators.ts). Compiling a kind's schema with ajv takes hundreds of
 * milliseconds (a Deployment pulls in the whole PodSpec); loading the generated code takes a fraction
 * of that for every kind at once. The file is used only when it was generated from the version
 * folder's current contents (its stamp matches stamp.json); otherwise validators compile at run time.
 * A V8 code cache written next to it at build time (validators.<hash>.cache) skips even the parsing of
 * the generated code when the running V8 accepts it; V8 rejects a cache from another version and the
 * code is then parsed as usual.
 */
import type { ValidateFunction } from 'ajv';
import equal from 'ajv/dist/runtime/equal';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { KUBERNETES_FORMATS } from './kubernetesFormats';

export const VALIDATORS_FILE = 'validators.js';
export const STAMP_FILE = 'stamp.json';
/** Annotation the generator puts on each definition, so errors can name the type they happened in. */
export const DEFINITION_ANNOTATION = 'x-shipshape-definition';
/** The module id the generated code requires the formats from. */
export const FORMATS_MODULE = '#shipshape-formats';

/** First line of validators.js: what it was generated from and which export validates which kind. */
export interface ValidatorsHeader {
  /** The version folder's stamp.json text at generation time. */
  stamp: string;
  /** "apps/v1 Deployment" → export name. */
  kinds: Record<string, string>;
}

export const HEADER_PREFIX = '// shipshape-validators ';

/** Modules the generated code may require, served from this bundle (the file has no node_modules next to it). */
const RUNTIME_MODULES: Record<string, unknown> = {
  [FORMATS_MODULE]: KUBERNETES_FORMATS,
  'ajv/dist/runtime/equal': { default: equal },
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
};

function runtimeRequire(id: string): unknown {
  if (Object.prototype.hasOwnProperty.call(RUNTIME_MODULES, id)) return RUNTIME_MODULES[id];
  throw new Error(`validators.js requires an unknown module ${id}`);
}

export function readStamp(versionDir: string): string | undefined {
  try {
    return readFileSync(join(versionDir, STAMP_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The precompiled validators of a version folder by "apiVersion kind", or undefined when there is no
 * validators.js, it is stale, or it cannot be loaded (the caller compiles at run time instead).
 */
export function loadPrecompiledValidators(versionDir: string): Map<string, ValidateFunction> | undefined {
  return loadValidatorsScript(versionDir)?.validators;
}

/** File name of the code cache of a validators.js with this header line. */
export function codeCacheFile(headerLine: string): string {
  return `validators.${createHash('sha256').update(headerLine).digest('hex').slice(0, 16)}.cache`;
}

export interface LoadedValidators {
  validators: Map<string, ValidateFunction>;
  script: Script;
  /** Where the code cache of this validators.js belongs. */
  cacheFile: string;
  /** True when a code cache was found and V8 accepted it. */
  usedCodeCache: boolean;
}

/** Loads validators.js (with its code cache when there is one); undefined when absent, stale or broken. */
export function loadValidatorsScript(versionDir: string): LoadedValidators | undefined {
  if (process.env.SHIPSHAPE_NO_PRECOMPILED_VALIDATORS) return undefined;
  const file = join(versionDir, VALIDATORS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const firstLine = text.slice(0, text.indexOf('\n'));
    if (!firstLine.startsWith(HEADER_PREFIX)) return undefined;
    const header = JSON.parse(firstLine.slice(HEADER_PREFIX.length)) as ValidatorsHeader;
    if (header.stamp !== readStamp(versionDir)) return undefined;
    const cacheFile = join(versionDir, codeCacheFile(firstLine));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(text, { filename: file, cachedData });
    const factory = script.runInThisContext() as (require: (id: string) => unknown) => Record<string, ValidateFunction>;
    const generated = factory(runtimeRequire);
    const validators = new Map<string, ValidateFunction>();
    for (const [key, name] of Object.entries(header.kinds)) {
      const validate = generated[name];
      if (typeof validate === 'function') validators.set(key, validate);
    }
    return { validators, script, cacheFile, usedCodeCache: cachedData !== undefined && script.cachedDataRejected === false };
  } catch {
    return undefined;
  }
}

/** The definition a node of the generated code's schema copies is the root of (from its annotation). */
export function annotatedDefinitionName(node: object): string | undefined {
  const name = (node as Record<string, unknown>)[DEFINITION_ANNOTATION];
  return typeof name === 'string' ? name : undefined;
}
