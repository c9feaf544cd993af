import type { JsonPath } from '../model/locate';
import type { EnumTable, EnumValue } from './facts';
import { compareVersions } from './versions';
import { shortName, type SchemaNode, type VersionSchemas } from './versionSchemas';

/** A field as hover and completion show it. */
export interface FieldSummary {
  name: string;
  description?: string;
  /** kubectl-explain style: string, integer, boolean, []Container, map[string]string, IntOrString, Quantity, PodSpec. */
  type: string;
  required: boolean;
  /** Allowed values from schemas/enums.json (for arrays: of each item), filtered by Kubernetes version. */
  enum?: string[];
  /** Default taken from the description ("Defaults to TCP."), when it states a single value. */
  default?: string;
  /** Short definition name of the field's object type (PodSpec), when it has one. */
  definition?: string;
}

export interface FieldDoc extends FieldSummary {
  path: (string | number)[];
  /** Full definition name of the field's type (io.k8s.api.core.v1.PodSpec). */
  definitionId?: string;
  /** Short name of the object holding the field (Container for containers[0].image). */
  parentDefinition?: string;
  /** Fields of the value when it is an object (with its definition's property docs). */
  properties: FieldSummary[];
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function baseType(type: SchemaNode['type']): string | undefined {
  const list = Array.isArray(type) ? type.filter((t) => t !== 'null') : type ? [type] : [];
  return list.length === 1 ? list[0] : list.length > 1 ? list.join(' or ') : undefined;
}

/** The human type of a schema node, following $ref (kubectl explain notation). */
export function typeName(api: VersionSchemas, node: SchemaNode): string {
  if (typeof node.$ref === 'string') {
    const { node: target, definition } = api.resolve(node);
    if (definition === INT_OR_STRING) return 'IntOrString';
    if (definition === QUANTITY) return 'Quantity';
    if (definition) {
      const base = baseType(target.type);
      return base === 'object' || base === undefined ? shortName(definition) : `${base} (${shortName(definition)})`;
    }
  }
  const base = baseType(node.type);
  if (base === 'array' && node.items) return `[]${typeName(api, node.items)}`;
  if (base === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') {
    return `map[string]${typeName(api, node.additionalProperties)}`;
  }
  if (base === 'integer or string') return 'IntOrString';
  return base ?? 'any';
}

/** Values allowed in `kubernetesVersion` (all when no version is given). */
export function enumValues(values: readonly EnumValue[], kubernetesVersion?: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === 'string') out.push(v);
    else if (!kubernetesVersion || compareVersions(v.since, kubernetesVersion) <= 0) out.push(v.value);
  }
  return out;
}

/** "Defaults to \"TCP\"." / "Defaults to 1." → the value; anything conditional is ignored. */
export function defaultFromDescription(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const m = /\bDefaults? (?:to|is) (?:"([^"]*)"|'([^']*)'|([\w./-]+))\.(?:\s|$)/.exec(description);
  if (!m) return undefined;
  return m[1] ?? m[2] ?? m[3];
}

interface Step {
  node: SchemaNode;
  /** Full definition name of the resolved node, when it is a definition. */
  definition?: string;
}

function resolveStep(api: VersionSchemas, node: SchemaNode): Step {
  const resolved = api.resolve(node);
  return { node: resolved.node, definition: resolved.definition };
}

/** Helpers bound to one version and the enum table. */
export class FieldDocumenter {
  constructor(
    private readonly api: VersionSchemas,
    private readonly enums: EnumTable,
    private readonly kubernetesVersion: string,
  ) {}

  enumFor(definition: string | undefined, property: string): string[] | undefined {
    if (!definition) return undefined;
    const values = this.enums[definition]?.[property];
    return values ? enumValues(values, this.kubernetesVersion) : undefined;
  }

  summary(name: string, node: SchemaNode, parent: Step): FieldSummary {
    const description = node.description ?? this.api.resolve(node).node.description;
    const required = parent.node.required?.includes(name) ?? false;
    const summary: FieldSummary = { name, type: typeName(this.api, node), required };
    if (description) summary.description = description;
    const values = this.enumFor(parent.definition, name);
    if (values) summary.enum = values;
    const fallback = defaultFromDescription(description);
    if (fallback !== undefined && (!values || values.includes(fallback))) summary.default = fallback;
    const target = resolveStep(this.api, node.items ?? node);
    if (target.definition && target.definition !== INT_OR_STRING && target.definition !== QUANTITY) summary.definition = shortName(target.definition);
    return summary;
  }

  properties(step: Step): FieldSummary[] {
    const props = step.node.properties ?? {};
    return Object.keys(props)
      .sort()
      .map((name) => this.summary(name, props[name], step));
  }

  /** Documentation of the field at `path` inside an object whose root definition is `rootDefinition`. */
  describe(rootDefinition: string, path: JsonPath): FieldDoc | undefined {
    const root = this.api.definition(rootDefinition);
    if (!root) return undefined;
    let current: Step = { node: root, definition: rootDefinition };
    let parent: Step | undefined;
    let fieldNode: SchemaNode = root;
    let name = '';
    for (const step of path) {
      if (typeof step === 'number') {
        if (!current.node.items) return undefined;
        fieldNode = current.node.items;
      } else if (current.node.properties && Object.prototype.hasOwnProperty.call(current.node.properties, step)) {
        parent = current;
        name = step;
        fieldNode = current.node.properties[step];
      } else if (current.node.additionalProperties && typeof current.node.additionalProperties === 'object') {
        parent = undefined;
        name = step;
        fieldNode = current.node.additionalProperties;
      } else {
        return undefined;
      }
      current = resolveStep(this.api, fieldNode);
    }
    // Inside an array, document the items' object (containers[0] → Container).
    const valueStep = current.node.items ? resolveStep(this.api, current.node.items) : current;
    const base: FieldSummary = parent
      ? this.summary(name, fieldNode, parent)
      : {
          name,
          type: path.length === 0 ? shortName(rootDefinition) : typeName(this.api, fieldNode),
          required: false,
          description: current.node.description,
          definition: current.definition ? shortName(current.definition) : undefined,
        };
    if (base.description === undefined) delete base.description;
    if (base.definition === undefined) delete base.definition;
    const doc: FieldDoc = { ...base, path: [...path], properties: this.properties(valueStep) };
    if (valueStep.definition) doc.definitionId = valueStep.definition;
    if (parent?.definition) doc.parentDefinition = shortName(parent.definition);
    return doc;
  }
}
