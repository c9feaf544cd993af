/**
 * A fast path for reading a document's value: js-yaml parses about five times faster than the `yaml`
 * library, but it keeps no source ranges. Shipshape reads values with it and builds the `yaml` AST only
 * when a range is needed (a diagnostic, a completion, a hover). Plain scalars are resolved with exactly
 * the `yaml` library's YAML 1.1 rules (minus timestamps and sexagesimal numbers, like Kubernetes), so
 * both paths give the same values. Anything the fast path cannot reproduce exactly — anchors and aliases,
 * explicit tags, merge keys, keys that YAML 1.1 would turn into booleans or numbers, parse errors,
 * duplicate keys — returns undefined and the caller uses the `yaml` library instead.
 */
import { load, FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';
import { isScalar, parseAllDocuments, type Tags } from 'yaml';

interface ScalarTag {
  tag: string;
  format?: string;
  default?: boolean | string;
  test?: RegExp;
  resolve: (source: string, onError: (msg: string) => void, options: object) => unknown;
}

function kubernetesScalarTags(): ScalarTag[] {
  let captured: Tags = [];
  parseAllDocuments('a: 1', {
    version: '1.1',
    customTags: (tags) => {
      captured = tags;
      return tags;
    },
  });
  return (captured as unknown as ScalarTag[]).filter(
    (t) => t.default === true && t.test instanceof RegExp && t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME',
  );
}

const SCALAR_TAGS = kubernetesScalarTags();

/**
 * Only plain scalars starting with one of these characters can resolve to something other than a
 * string under the tags above (null: ~ n N and empty; bool: y n t f o; numbers: digits, sign, dot).
 */
const MAYBE_NOT_A_STRING = /^(?:[~NnYyTtFfOo+\-.0-9]|$)/;

/** The YAML 1.1 tag a plain scalar resolves to, or undefined for a string. */
function implicitTag(data: string): ScalarTag | undefined {
  if (!MAYBE_NOT_A_STRING.test(data)) return undefined;
  for (const t of SCALAR_TAGS) if ((t.test as RegExp).test(data)) return t;
  return undefined;
}

function buildSchema(): Schema {
  // One implicit type for all of the yaml library's resolvers (first match wins, as with the library):
  // js-yaml asks every implicit type about every plain scalar, so one cheap test beats ten regexes.
  let lastData: string | undefined;
  let lastTag: ScalarTag | undefined;
  const implicit = new Type('tag:shipshape,implicit', {
    kind: 'scalar',
    resolve: (data: unknown) => {
      if (typeof data !== 'string') return false;
      lastData = data;
      lastTag = implicitTag(data);
      return lastTag !== undefined;
    },
    construct: (data: string) => {
      const tag = data === lastData ? lastTag : implicitTag(data);
      if (!tag) return data;
      // Some of the yaml library's resolvers wrap the value in a Scalar (to remember its format).
      const resolved = tag.resolve(data, () => undefined, {});
      return isScalar(resolved) ? resolved.value : resolved;
    },
  });
  return FAILSAFE_SCHEMA.extend({ implicit: [implicit] });
}

const SCHEMA = buildSchema();

/** Keys seen before: manifests repeat the same few hundred field names. */
const keyVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 20_000;

/** Would this plain key be read as something other than a string under YAML 1.1? */
function isNonStringKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    verdict = SCALAR_TAGS.some((t) => (t.test as RegExp).test(key));
    if (keyVerdicts.size >= MAX_REMEMBERED_KEYS) keyVerdicts.clear();
    keyVerdicts.set(key, verdict);
  }
  return verdict;
}

const BLOCK_KEY = /^[ \t]*(?:-[ \t]+)*([^\s'"#&*!|>%@`{[\]},?:-][^\n#]*?|-[^\s\n#][^\n#]*?)[ \t]*:(?=[ \t]|$)/gm;
const FLOW_KEY = /[{,][ \t]*([^\s'",{}[\]#]+)[ \t]*:(?=[ \t]|$|[,}])/g;
const MAYBE_UNSUPPORTED = /[&*!<]/;
const UNSUPPORTED = /(^|[\s[{,])[&*!][^\s]|^\s*(?:-\s+)*<<\s*:|(^|[\s,{])<<\s*:/m;

/** The value of a one-document chunk, or undefined when the `yaml` library must read it. */
export function fastDocumentValue(text: string): { value: unknown } | undefined {
  if (process.env.SHIPSHAPE_NO_FAST_YAML) return undefined;
  // The exact test runs only when one of its characters occurs at all (a plain scan is much cheaper).
  if (MAYBE_UNSUPPORTED.test(text) && UNSUPPORTED.test(text)) return undefined;
  BLOCK_KEY.lastIndex = 0;
  for (let m = BLOCK_KEY.exec(text); m; m = BLOCK_KEY.exec(text)) if (isNonStringKey(m[1])) return undefined;
  if (text.includes('{')) {
    FLOW_KEY.lastIndex = 0;
    for (let m = FLOW_KEY.exec(text); m; m = FLOW_KEY.exec(text)) if (isNonStringKey(m[1])) return undefined;
  }
  try {
    // One document per chunk: load() throws when there are several, and on duplicate keys.
    const value = load(text, { schema: SCHEMA });
    return value === undefined ? undefined : { value };
  } catch {
    return undefined;
  }
}
