/**
 * SchemaDocs over the schema layer's SchemaCatalog (schema/kubernetesSchemas.ts): field documentation,
 * served kinds and API reference links, translated into the shapes the features use.
 */
import type { JsonPath } from '../../model/locate';
import type { FieldSummary } from '../../schema/fieldDocs';
import type { SchemaCatalog } from '../../schema/schemaChecks';
import { apiVersionRank } from '../../schema/versions';
import type { FieldInfo, FieldType, KindInfo, SchemaDocs } from '../ports';

const SCALARS: Record<string, FieldType> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  IntOrString: 'int-or-string',
  Quantity: 'quantity',
  any: 'any',
};

/** The value category of a kubectl-explain style type: `[]Container`, `map[string]string`, `PodSpec`, `string (Time)`. */
export function fieldType(type: string): { type: FieldType; itemType?: FieldType } {
  if (type.startsWith('[]')) return { type: 'array', itemType: fieldType(type.slice(2)).type };
  if (type.startsWith('map[string]')) return { type: 'map', itemType: fieldType(type.slice('map[string]'.length)).type };
  const known = SCALARS[type];
  if (known) return { type: known };
  const base = /^(string|integer|number|boolean) \(/.exec(type);
  if (base) return { type: SCALARS[base[1]] };
  if (type.includes(' or ')) return { type: 'any' };
  return { type: 'object' };
}

function toInfo(summary: FieldSummary): FieldInfo {
  const { type, itemType } = fieldType(summary.type);
  const info: FieldInfo = { name: summary.name, type, required: summary.required, typeName: summary.type };
  if (itemType) info.itemType = itemType;
  if (summary.description) info.description = summary.description;
  if (summary.default !== undefined) info.default = summary.default;
  if (summary.enum) info.enum = summary.enum;
  return info;
}

export class CatalogSchemaDocs implements SchemaDocs {
  private readonly kindLists = new Map<string, KindInfo[]>();

  constructor(private readonly catalog: SchemaCatalog) {}

  field(version: string, apiVersion: string, kind: string, path: JsonPath): FieldInfo | undefined {
    const doc = this.catalog.describeField(version, apiVersion, kind, path);
    return doc ? toInfo(doc) : undefined;
  }

  children(version: string, apiVersion: string, kind: string, path: JsonPath): readonly FieldInfo[] {
    const doc = this.catalog.describeField(version, apiVersion, kind, path);
    if (!doc) return [];
    const { type, itemType } = fieldType(doc.type);
    if (type === 'map' || (type === 'array' && itemType !== 'object')) return [];
    return doc.properties.map(toInfo);
  }

  kinds(version: string): readonly KindInfo[] {
    let list = this.kindLists.get(version);
    if (!list) {
      list = this.buildKinds(version);
      this.kindLists.set(version, list);
    }
    return list;
  }

  referenceUrl(version: string, apiVersion: string, kind: string): string | undefined {
    return this.catalog.apiReferenceUrl(version, apiVersion, kind);
  }

  private buildKinds(version: string): KindInfo[] {
    const served = this.catalog.servedKinds(version);
    const best = new Map<string, number>();
    for (const k of served) best.set(k.kind, Math.max(best.get(k.kind) ?? 0, apiVersionRank(k.apiVersion)));
    const out = served.map((k) => ({
      apiVersion: k.apiVersion,
      kind: k.kind,
      namespaced: k.namespaced,
      deprecated: k.deprecated,
      preferred: apiVersionRank(k.apiVersion) === best.get(k.kind),
      description: this.catalog.describeField(version, k.apiVersion, k.kind, [])?.description,
    }));
    return out.sort((a, b) => a.kind.localeCompare(b.kind) || apiVersionRank(b.apiVersion) - apiVersionRank(a.apiVersion));
  }
}
