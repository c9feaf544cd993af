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

function buildSchema(): Schema {
  const implicit = SCALAR_TAGS.map(
    (t, i) =>
      new Type(`tag:shipshape,implicit:${i}`, {
        kind: 'scalar',
        resolve: (data: unknown) => typeof data === 'string' && (t.test as RegExp).test(data),
        construct: (data: string) => {
          // Some of the yaml library's resolvers wrap the value in a Scalar (to remember its format).
          const resolved = t.resolve(data, () => undefined, {});
          return isScalar(resolved) ? resolved.value : resolved;
        },
      }),
  );
  return FAILSAFE_SCHEMA.extend({ implicit });
}

const SCHEMA = buildSchema();

/** Would this plain key be read as something other than a string under YAML 1.1? */
function isNonStringKey(key: string): boolean {
  return SCALAR_TAGS.some((t) => (t.test as RegExp).test(key));
}

const BLOCK_KEY = /^[ \t]*(?:-[ \t]+)*([^\s'"#&*!|>%@`{[\]},?:-][^\n#]*?|-[^\s\n#][^\n#]*?)[ \t]*:(?=[ \t]|$)/gm;
const FLOW_KEY = /[{,][ \t]*([^\s'",{}[\]#]+)[ \t]*:(?=[ \t]|$|[,}])/g;
const UNSUPPORTED = /(^|[\s[{,])[&*!][^\s]|^\s*(?:-\s+)*<<\s*:|(^|[\s,{])<<\s*:/m;

/** The value of a one-document chunk, or undefined when the `yaml` library must read it. */
export function fastDocumentValue(text: string): { value: unknown } | undefined {
  if (process.env.SHIPSHAPE_NO_FAST_YAML) return undefined;
  if (UNSUPPORTED.test(text)) return undefined;
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
