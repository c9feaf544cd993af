import { SchemaFacts, type EnumTable } from '../../schema/facts';
import { findSchemaDir } from '../../schema/schemaDir';

/**
 * Allowed values of enum-like fields, from schemas/enums.json (the published OpenAPI v2 definitions
 * no longer list them), for one Kubernetes version.
 */

let table: EnumTable | undefined;
let failedAt = -Infinity;
/** After a failed read (schemas folder missing or being regenerated), wait this long before trying again. */
const RETRY_AFTER_MS = 5000;

function enumTable(): EnumTable | undefined {
  if (table === undefined && Date.now() - failedAt > RETRY_AFTER_MS) {
    try {
      table = new SchemaFacts(findSchemaDir()).enums();
    } catch {
      // Without the schemas folder the schema layer reports the problem; enum checks just stay quiet.
      failedAt = Date.now();
    }
  }
  return table;
}

/**
 * The order the API server lists "supported values" in, where it is not alphabetical (most
 * validators list a sorted set; these pass a literal list).
 */
const MESSAGE_ORDER: Record<string, readonly string[]> = {
  'io.k8s.api.core.v1.PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
};

/** enumValues results per `definition.property@version`: checks ask for the same fields in every document. */
const resolved = new Map<string, readonly string[] | undefined>();

/** The minor of a "1.x" Kubernetes version; unknown versions count as the newest. */
export function minor(version: string): number {
  const m = /^1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/**
 * The values `definition.property` accepts in `kubernetesVersion` (for list properties: each item),
 * in the order the API server's messages list them; undefined when the field is not an enum.
 */
export function enumValues(definition: string, property: string, kubernetesVersion: string): readonly string[] | undefined {
  const key = `${definition}.${property}@${kubernetesVersion}`;
  if (resolved.has(key)) return resolved.get(key);
  const values = enumTable()?.[definition]?.[property];
  if (!values) {
    // Not cached while the table is missing: it may be readable on a later call.
    if (table !== undefined) resolved.set(key, undefined);
    return undefined;
  }
  const current = minor(kubernetesVersion);
  const allowed = values.filter((v) => typeof v === 'string' || minor(v.since) <= current).map((v) => (typeof v === 'string' ? v : v.value));
  const order = MESSAGE_ORDER[`${definition}.${property}`];
  const result = order && order.every((v) => allowed.includes(v)) && order.length === allowed.length ? order : Object.freeze([...allowed].sort());
  resolved.set(key, result);
  return result;
}
