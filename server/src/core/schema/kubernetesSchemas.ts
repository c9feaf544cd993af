import { join } from 'node:path';
import type { JsonPath } from '../model/locate';
import type { Resource } from '../model/resource';
import { apiReferenceUrl } from './apiReference';
import { translateErrors } from './errorTranslation';
import { SchemaFacts } from './facts';
import { enumValues, FieldDocumenter, type FieldDoc } from './fieldDocs';
import { checkApiKind, type KindCheckResult } from './kindCheck';
import { findSchemaDir } from './schemaDir';
import type { CustomKindRegistry, RuleProblem, SchemaCatalog, SchemaChecks, ServedKind } from './schemaChecks';
import { compareVersions, resolveVersion } from './versions';
import { VersionSchemas } from './versionSchemas';

/**
 * The schema layer over a generated `schemas/` folder: apiVersion/kind checks, ajv validation and
 * field documentation. Everything is loaded on first use and cached per Kubernetes version.
 */
export class KubernetesSchemas implements SchemaChecks, SchemaCatalog {
  private readonly facts: SchemaFacts;
  private readonly byVersion = new Map<string, VersionSchemas>();
  private shortNames?: Map<string, string[]>;

  constructor(readonly schemaDir: string) {
    this.facts = new SchemaFacts(schemaDir);
  }

  versions(): readonly string[] {
    return this.facts.topIndex().versions;
  }

  /** The generated schemas used for a requested Kubernetes version (the nearest older one when it was not generated). */
  schemasFor(kubernetesVersion: string): VersionSchemas {
    const version = resolveVersion(kubernetesVersion, this.versions());
    let schemas = this.byVersion.get(version);
    if (!schemas) {
      schemas = new VersionSchemas(version, join(this.schemaDir, `v${version}`));
      this.byVersion.set(version, schemas);
    }
    return schemas;
  }

  /** apiVersion/kind checks. A failure of the layer itself (missing schemas) becomes a hint, never an exception. */
  checkKind(resource: Resource, kubernetesVersion: string, customKinds: CustomKindRegistry): KindCheckResult {
    try {
      return checkApiKind(resource, kubernetesVersion, this.schemasFor(kubernetesVersion), this.facts, customKinds);
    } catch (err) {
      return { served: false, problems: [internalProblem('unknown-kind', ['kind'], err)] };
    }
  }

  validate(resource: Resource, kubernetesVersion: string, options: { ignoreRequired: boolean }): RuleProblem[] {
    try {
      const api = this.schemasFor(kubernetesVersion);
      const validator = api.validator(resource.apiVersion, resource.kind);
      if (!validator || validator(resource.object)) return [];
      return translateErrors(validator.errors ?? [], {
        object: resource.object,
        definitionNameOf: (node) => api.definitionNameOf(node),
        patch: options.ignoreRequired,
      });
    } catch (err) {
      return [internalProblem('schema', [], err)];
    }
  }

  servedKinds(kubernetesVersion: string): ServedKind[] {
    const api = this.schemasFor(kubernetesVersion);
    const out: ServedKind[] = [];
    for (const [apiVersion, kinds] of Object.entries(api.index())) {
      const slash = apiVersion.lastIndexOf('/');
      for (const [kind, entry] of Object.entries(kinds)) {
        const row = this.facts.lifecycle(apiVersion, kind);
        out.push({
          apiVersion,
          kind,
          group: slash < 0 ? '' : apiVersion.slice(0, slash),
          version: apiVersion.slice(slash + 1),
          namespaced: entry.namespaced,
          definition: entry.definition,
          deprecated: row?.deprecatedIn !== undefined && compareVersions(row.deprecatedIn, kubernetesVersion) <= 0,
        });
      }
    }
    return out;
  }

  describeField(kubernetesVersion: string, apiVersion: string, kind: string, path: JsonPath): FieldDoc | undefined {
    const api = this.schemasFor(kubernetesVersion);
    const entry = api.entry(apiVersion, kind);
    if (!entry) return undefined;
    return new FieldDocumenter(api, this.facts.enums(), kubernetesVersion).describe(entry.definition, path);
  }

  enumFor(definition: string, property: string, kubernetesVersion?: string): string[] | undefined {
    const enums = this.facts.enums();
    let values = enums[definition]?.[property];
    if (!values && !definition.includes('.')) {
      // A short name is accepted when every definition of that name agrees (autoscaling v2 and v2beta2 MetricSpec).
      const found = (this.shortNameIndex().get(definition) ?? []).map((full) => enums[full][property]).filter((v) => v !== undefined);
      if (found.length > 0 && found.every((v) => JSON.stringify(v) === JSON.stringify(found[0]))) values = found[0];
    }
    return values ? enumValues(values, kubernetesVersion) : undefined;
  }

  isNamespaced(kubernetesVersion: string, apiVersion: string, kind: string): boolean | undefined {
    return this.schemasFor(kubernetesVersion).entry(apiVersion, kind)?.namespaced;
  }

  apiReferenceUrl(kubernetesVersion: string, apiVersion: string, kind: string): string {
    return apiReferenceUrl(resolveVersion(kubernetesVersion, this.versions()), apiVersion, kind);
  }

  private shortNameIndex(): Map<string, string[]> {
    if (!this.shortNames) {
      this.shortNames = new Map();
      for (const full of Object.keys(this.facts.enums())) {
        const short = full.slice(full.lastIndexOf('.') + 1);
        this.shortNames.set(short, [...(this.shortNames.get(short) ?? []), full]);
      }
    }
    return this.shortNames;
  }
}

function internalProblem(id: string, path: JsonPath, err: unknown): RuleProblem {
  return { id, path, severity: 'hint', message: `Schema check failed: ${(err as Error).message}` };
}

/** The schema layer for the installation's `schemas/` folder (or the given one). */
export function createSchemaChecks(schemaDir: string = findSchemaDir()): KubernetesSchemas {
  return new KubernetesSchemas(schemaDir);
}
