import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { join } from 'node:path';
import { readJsonFile, type IndexEntry, type KindIndex } from './facts';
import { annotatedDefinitionName, loadPrecompiledValidators } from './precompiledValidators';

/** A node of the generated JSON Schemas (the subset of keywords the generator writes). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  [key: string]: unknown;
}

interface DefinitionsDocument {
  $id: string;
  definitions: Record<string, SchemaNode>;
}

const REF_PREFIX = '#/definitions/';

/** "io.k8s.api.core.v1.PodSpec" → "PodSpec" */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/**
 * The generated schemas of one Kubernetes version: the kind index is read on first use, the shared
 * definitions on the first validation or documentation request, and each kind's validator is
 * compiled once, when first needed — or taken from the folder's precompiled validators.js when it is
 * present and current.
 */
export class VersionSchemas {
  private kindIndex?: KindIndex;
  private document?: DefinitionsDocument;
  private ajv?: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();
  /** validators.js of the folder; null when absent or stale. */
  private precompiled?: Map<string, ValidateFunction> | null;
  /** Definition objects → full names, to name the type an ajv error happened in. */
  private readonly namesByNode = new WeakMap<object, string>();

  constructor(
    readonly version: string,
    private readonly dir: string,
  ) {}

  index(): KindIndex {
    return (this.kindIndex ??= readJsonFile<KindIndex>(join(this.dir, 'index.json')));
  }

  entry(apiVersion: string, kind: string): IndexEntry | undefined {
    const byKind = this.index()[apiVersion];
    return byKind && Object.prototype.hasOwnProperty.call(byKind, kind) ? byKind[kind] : undefined;
  }

  definitions(): Record<string, SchemaNode> {
    if (!this.document) {
      this.document = readJsonFile<DefinitionsDocument>(join(this.dir, '_definitions.json'));
      for (const [name, node] of Object.entries(this.document.definitions)) this.namesByNode.set(node, name);
    }
    return this.document.definitions;
  }

  definition(name: string): SchemaNode | undefined {
    const defs = this.definitions();
    return Object.prototype.hasOwnProperty.call(defs, name) ? defs[name] : undefined;
  }

  /** Full definition name of a definition's root schema object, if it is one. */
  definitionNameOf(node: object): string | undefined {
    return this.namesByNode.get(node) ?? annotatedDefinitionName(node);
  }

  /** Follows a `$ref` to its definition (one level: definitions never alias each other). */
  resolve(node: SchemaNode): { node: SchemaNode; definition?: string } {
    if (typeof node.$ref !== 'string') return { node };
    const name = node.$ref.slice(node.$ref.indexOf(REF_PREFIX) + REF_PREFIX.length);
    const target = this.definition(name);
    return target ? { node: target, definition: name } : { node };
  }

  /** The compiled validator for apiVersion/kind, or undefined when this version does not serve it. */
  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = `${apiVersion} ${kind}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.entry(apiVersion, kind);
    let validate: ValidateFunction | null = null;
    if (entry) validate = this.precompiledValidator(key) ?? null;
    if (entry && !validate) {
      const ajv = this.ajvInstance();
      validate = ajv.compile(readJsonFile<object>(join(this.dir, entry.file)));
    }
    this.validators.set(key, validate);
    return validate ?? undefined;
  }

  private precompiledValidator(key: string): ValidateFunction | undefined {
    if (this.precompiled === undefined) this.precompiled = loadPrecompiledValidators(this.dir) ?? null;
    return this.precompiled?.get(key);
  }

  private ajvInstance(): Ajv {
    if (!this.ajv) {
      this.definitions();
      // Loaded on first use: with precompiled validators, a process may never need the ajv compiler.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createAjv } = require('./ajvFactory') as typeof import('./ajvFactory');
      const ajv = createAjv();
      ajv.addSchema(this.document as DefinitionsDocument);
      this.ajv = ajv;
    }
    return this.ajv;
  }
}
