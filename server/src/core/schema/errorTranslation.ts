import type { ErrorObject } from 'ajv';
import { closestMatch } from './editDistance';
import type { RuleProblem } from './schemaChecks';
import { shortName, type SchemaNode } from './versionSchemas';

export const SCHEMA_RULE = 'schema';

export interface TranslationContext {
  /** The validated object, to read offending values and tell arrays from maps. */
  object: unknown;
  /** Full definition name of a definition root schema, for "in PodSpec". */
  definitionNameOf(node: object): string | undefined;
  /** Kustomize patches: no required fields, `$patch`-style directives and null (delete) values are fine. */
  patch: boolean;
}

/** "/spec/containers/0/image" → ['spec', 'containers', 0, 'image'], indexes as numbers where the value is an array. */
export function instancePathToJsonPath(instancePath: string, object: unknown): (string | number)[] {
  if (!instancePath) return [];
  const out: (string | number)[] = [];
  let current: unknown = object;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      out.push(index);
      current = current[index];
    } else {
      out.push(segment);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

/** The JSON type of a value as people read it: integer vs number, and no "null" (an empty value). */
export function describeValueType(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function expectedTypes(types: unknown): string[] {
  const list = Array.isArray(types) ? types : String(types).split(',');
  return list.map(String).filter((t) => t !== 'null');
}

function joinAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function typeHint(expected: readonly string[], value: unknown): string {
  if (typeof value === 'string' && (expected.includes('integer') || expected.includes('number')) && !expected.includes('string') && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) {
    return '; remove the quotes';
  }
  if (expected.length === 1 && expected[0] === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `; quote it: "${String(value)}"`;
  }
  return '';
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}

const FORMAT_MESSAGES: Record<string, string> = {
  int32: 'must be a 32-bit integer (from -2147483648 to 2147483647)',
  int64: 'must be a whole number',
  double: 'must be a finite number',
  byte: 'must be base64-encoded data',
  'date-time': 'must be an RFC 3339 date-time such as 2024-01-31T12:00:00Z',
};

function isQuantitySchema(node: SchemaNode | undefined, definitionName: string | undefined): boolean {
  return definitionName === 'io.k8s.apimachinery.pkg.api.resource.Quantity' || (typeof node?.pattern === 'string' && node.pattern.includes('[KMGTPE]i'));
}

interface Translated {
  problem: RuleProblem;
  /** Problems with the same key are duplicates (ajv reports a wrong type once per schema branch). */
  key: string;
}

function translateOne(error: ErrorObject, ctx: TranslationContext): Translated | undefined {
  const path = instancePathToJsonPath(error.instancePath, ctx.object);
  const pathKey = JSON.stringify(path);
  const parent = error.parentSchema as SchemaNode | undefined;
  const definitionName = parent ? ctx.definitionNameOf(parent) : undefined;
  const typeName = definitionName ? shortName(definitionName) : 'this object';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      if (ctx.patch && field.startsWith('$')) return undefined;
      const candidates = Object.keys(parent?.properties ?? {});
      const suggestion = closestMatch(field, candidates, { maxDistance: 2, prefixMin: 3 });
      const message = `Unknown field '${field}' in ${typeName}${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
      const problem: RuleProblem = { id: SCHEMA_RULE, path: [...path, field], target: 'key', message };
      if (suggestion) problem.suggestion = suggestion;
      return { problem, key: `unknown ${JSON.stringify([...path, field])}` };
    }
    case 'required': {
      if (ctx.patch) return undefined;
      const field = String(params.missingProperty);
      return {
        problem: { id: SCHEMA_RULE, path, target: 'key', message: `Missing required field '${field}' in ${typeName}`, data: { missingField: field } },
        key: `required ${pathKey} ${field}`,
      };
    }
    case 'type': {
      const value = error.data;
      if (ctx.patch && value === null) return undefined;
      const expected = expectedTypes(params.type);
      const described = isQuantitySchema(parent, definitionName) ? 'a quantity (string or number)' : joinAlternatives(expected);
      return {
        problem: { id: SCHEMA_RULE, path, message: `expected ${described}, got ${describeValueType(value)}${typeHint(expected, value)}` },
        key: `type ${pathKey}`,
      };
    }
    case 'pattern': {
      const message = isQuantitySchema(parent, definitionName)
        ? `${quote(error.data)} must be a Kubernetes quantity such as 500m or 1Gi`
        : `${quote(error.data)} does not match the pattern ${String(params.pattern)}`;
      return { problem: { id: SCHEMA_RULE, path, message }, key: `pattern ${pathKey}` };
    }
    case 'format': {
      const format = String(params.format);
      let message = `${quote(error.data)} ${FORMAT_MESSAGES[format] ?? `must be in the ${format} format`}`;
      if (format === 'byte' && path[0] === 'data') message += '; put plain text under stringData instead';
      return { problem: { id: SCHEMA_RULE, path, message }, key: `format ${pathKey}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => quote(v)).join(', ');
      return { problem: { id: SCHEMA_RULE, path, message: `${quote(error.data)} is not allowed here; expected ${allowed}` }, key: `enum ${pathKey}` };
    }
    case 'oneOf':
    case 'anyOf':
      // The failing branches are reported on their own; the summary adds nothing.
      return undefined;
    default:
      return { problem: { id: SCHEMA_RULE, path, message: error.message ?? `fails the ${error.keyword} rule` }, key: `${error.keyword} ${pathKey}` };
  }
}

/** ajv errors → `schema` problems: one per finding, in human words, located by JSON path. */
export function translateErrors(errors: readonly ErrorObject[], ctx: TranslationContext): RuleProblem[] {
  const seen = new Set<string>();
  const out: RuleProblem[] = [];
  for (const error of errors) {
    const translated = translateOne(error, ctx);
    if (!translated || seen.has(translated.key)) continue;
    seen.add(translated.key);
    out.push(translated.problem);
  }
  return out;
}
