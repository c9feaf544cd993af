import { fieldPath, type JsonPath } from '../../core/model/locate';
import { isRecord, type Resource } from '../../core/model/resource';
import type { ParsedFile } from '../../core/parse/parseFile';
import type { Diagnostic } from '../../core/types';
import { goValue } from '../../sim/store/validation';

/** Rules whose problems mean the API server does not know the apiVersion/kind at all. */
const NO_MATCH_RULES = new Set(['unknown-kind', 'removed-api']);
const SYNTAX_RULES = new Set(['yaml-syntax', 'duplicate-key']);

/** Index of the YAML document a diagnostic belongs to (from its data, else from its position). */
export function documentIndexOf(file: ParsedFile, diagnostic: Diagnostic): number {
  const fromData = diagnostic.data?.documentIndex;
  if (typeof fromData === 'number') return fromData;
  const offset = file.lines.offsetAt(diagnostic.range.start);
  let index = 0;
  for (const doc of file.documents) if (doc.offset <= offset) index = doc.index;
  return index;
}

/**
 * Why the API server would refuse this document, in its words, or undefined when the document has no
 * error-severity diagnostic. Messages follow kubectl: `The Deployment "api" is invalid: spec.replicas:
 * Invalid value: "3": expected integer, got string`, `error parsing api.yaml: line 4: …`, `no matches
 * for kind "Ingress" in version "extensions/v1beta1"`.
 */
export function refusalMessage(resource: Resource, diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error' && documentIndexOf(resource.file, d) === resource.documentIndex);
  if (errors.length === 0) return undefined;
  const syntax = errors.find((d) => SYNTAX_RULES.has(d.code));
  if (syntax) return `error: error parsing ${fileName(resource.uri)}: line ${syntax.range.start.line + 1}: ${syntax.message}`;
  const kind = resource.kind;
  if (errors.some((d) => NO_MATCH_RULES.has(d.code))) {
    return `error: resource mapping not found for name: "${resource.name ?? ''}" namespace: "${resource.namespace ?? ''}" from "${fileName(resource.uri)}": no matches for kind "${kind}" in version "${resource.apiVersion}"`;
  }
  const causes = errors.map((d) => fieldErrorText(resource, d));
  const body = causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`;
  return `The ${kind} "${resource.name ?? ''}" is invalid: ${body}`;
}

/**
 * `refusalMessage` for every resource of one file, grouping the diagnostics by document first (linear
 * in documents + diagnostics, also for files with tens of thousands of both).
 */
export function refusalMessages(resources: readonly Resource[], diagnostics: readonly Diagnostic[]): (string | undefined)[] {
  if (resources.length === 0) return [];
  const byDocument = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const index = documentIndexOf(resources[0].file, d);
    const list = byDocument.get(index);
    if (list) list.push(d);
    else byDocument.set(index, [d]);
  }
  return resources.map((r) => {
    const own = byDocument.get(r.documentIndex);
    return own ? refusalMessage(r, own) : undefined;
  });
}

/** "spec.replicas: Invalid value: "3": expected integer, got string": the path, the value, the reason. */
function fieldErrorText(resource: Resource, diagnostic: Diagnostic): string {
  const path = diagnostic.data?.path;
  if (!Array.isArray(path) || path.length === 0) return diagnostic.message;
  const dotted = fieldPath(path as JsonPath);
  // Checks that speak the API server's language already start with the field path.
  if (
    diagnostic.message.startsWith(`${dotted}: `) ||
    diagnostic.message.startsWith(`${dotted}[`) ||
    /^[\w.[\]/-]+: (Invalid|Unsupported|Required|Forbidden|Duplicate) value/.test(diagnostic.message)
  ) {
    return diagnostic.message;
  }
  const value = valueAt(resource.object, path as JsonPath);
  const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  return scalar ? `${dotted}: Invalid value: ${goValue(value)}: ${diagnostic.message}` : `${dotted}: ${diagnostic.message}`;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isRecord(node) && typeof step === 'string') node = node[step];
    else return undefined;
  }
  return node;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
