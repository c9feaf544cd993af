import { isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import type { Range } from '../types';

export type JsonPath = readonly (string | number)[];

export interface Located {
  /** The value node at the path (undefined for an explicit null/empty value). */
  node?: Node;
  /** The pair holding the value when the last step is a map key. */
  pair?: Pair<Node, Node | null>;
  /** How many steps of the path were found (path.length when all of it exists). */
  depth: number;
}

/** Walks a JSON path through the YAML AST. */
export function locate(parsed: ParsedDocument, path: JsonPath): Located {
  let node: Node | undefined = (parsed.doc.contents ?? undefined) as Node | undefined;
  let pair: Pair<Node, Node | null> | undefined;
  let depth = 0;
  for (const step of path) {
    if (!node) break;
    if (typeof step === 'number' && isSeq(node)) {
      const item = node.items[step] as Node | undefined;
      if (item === undefined) break;
      node = item;
      pair = undefined;
    } else if (isMap(node)) {
      const found = pairOf(node, String(step));
      if (!found) break;
      pair = found;
      node = (found.value ?? undefined) as Node | undefined;
    } else {
      break;
    }
    depth++;
  }
  return { node, pair, depth };
}

/** Maps with more keys than this get a key index, so locating every key of a big map stays linear. */
const INDEXED_MAP_SIZE = 16;
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair<Node, Node | null>>>();

/** The first pair of `map` with the scalar key `key` (AST nodes are not changed after parsing). */
function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  const matches = (p: unknown): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key) && String(p.key.source ?? p.key.value) === key;
  if (map.items.length <= INDEXED_MAP_SIZE) return map.items.find(matches);
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const name = String(p.key.source ?? p.key.value);
      if (!index.has(name)) index.set(name, p as Pair<Node, Node | null>);
    }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

/**
 * Range of the node at `path`: its key (`target: 'key'`) or its value. When the path does not exist
 * in full, the key of the deepest existing ancestor is used, so "missing field" problems land on the parent.
 */
export function nodeRange(file: ParsedFile, parsed: ParsedDocument, path: JsonPath, target: 'key' | 'value'): Range {
  const found = locate(parsed, path);
  const complete = found.depth === path.length;
  const base = parsed.offset;
  if (complete && target === 'value' && found.node?.range) {
    const start = base + found.node.range[0];
    return file.lines.range(start, trimEnd(file.text, start, base + contentEnd(found.node)));
  }
  if (found.pair && isScalar(found.pair.key) && found.pair.key.range) {
    const key = found.pair.key.range;
    return file.lines.range(base + key[0], base + key[1]);
  }
  if (found.node?.range && found.depth > 0) {
    // a sequence item: its first line
    const s = base + found.node.range[0];
    const end = Math.min(base + contentEnd(found.node), lineEnd(file.text, s));
    return file.lines.range(s, trimEnd(file.text, s, end));
  }
  // the document itself: first line of its content
  return file.lines.range(parsed.start, lineEnd(file.text, parsed.start));
}

/**
 * Where a node's content ends (relative to its document): the last character of its last scalar,
 * not the comments, blank lines and indentation that the YAML AST counts into a block collection.
 */
export function contentEnd(node: Node): number {
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    if (isPair(last)) {
      const value = last.value as Node | null;
      if (value && value.range && !(isScalar(value) && value.value === null && value.source === '')) return contentEnd(value);
      return (last.key as Node).range?.[1] ?? 0;
    }
    return contentEnd(last as Node);
  }
  return node.range?.[1] ?? 0;
}

/** Moves `end` back over whitespace (a block scalar owns its final line break), never before `start`. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return end;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * `spec.template.spec.containers[0].image`: field paths the way the API server prints them. Steps that
 * cannot be field names (map keys such as `app.kubernetes.io/name`) are written in brackets without
 * quotes, as the API server writes map keys: `metadata.labels[app.kubernetes.io/name]`.
 */
export function fieldPath(path: JsonPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) out += out ? `.${step}` : step;
    else out += `[${step}]`;
  }
  return out;
}
