/**
 * Text edits on a parsed YAML document that keep the user's formatting: set or add entries of a block
 * mapping (creating missing parent mappings), replace a key or a value, delete an entry, insert lines.
 * Positions come from the AST (ranges relative to the document's offset) and the file's line index.
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { contentEnd, locate, type JsonPath } from '../../model/locate';
import type { ParsedDocument, ParsedFile } from '../../parse/parseFile';
import type { Position } from '../../types';
import type { TextEdit } from '../types';
import { yamlKey } from '../yaml/scalar';

export interface YamlDocument {
  file: ParsedFile;
  parsed: ParsedDocument;
}

export function positionOf(doc: YamlDocument, astOffset: number): Position {
  return doc.file.lines.positionAt(doc.parsed.offset + astOffset);
}

function columnOf(doc: YamlDocument, astOffset: number): number {
  return positionOf(doc, astOffset).character;
}

/** File offset of the end of the line holding file offset `offset`. */
function lineEndAt(doc: YamlDocument, offset: number): number {
  const nl = doc.file.text.indexOf('\n', offset);
  const end = nl < 0 ? doc.file.text.length : nl;
  return doc.file.text[end - 1] === '\r' ? end - 1 : end;
}

/** `key: value` lines for entries (values are YAML text), nested steps written as parent keys. */
function renderBlock(steps: readonly string[], entries: readonly [string, string][], column: number): string {
  const lines: string[] = [];
  steps.forEach((step, i) => lines.push(`${' '.repeat(column + 2 * i)}${yamlKey(step)}:`));
  const inner = ' '.repeat(column + 2 * steps.length);
  for (const [k, v] of entries) lines.push(`${inner}${yamlKey(k)}: ${v}`);
  return lines.join('\n');
}

/** The edit that replaces a pair's empty or flow value (`labels:` or `labels: {}`) by a block of entries. */
function replacePairValue(
  doc: YamlDocument,
  pair: Pair<Node, Node | null>,
  steps: readonly string[],
  entries: readonly [string, string][],
): TextEdit | undefined {
  const key = pair.key;
  if (!key?.range) return undefined;
  const keyEnd = doc.parsed.offset + key.range[1];
  const colon = doc.file.text.indexOf(':', keyEnd);
  if (colon < 0) return undefined;
  const value = pair.value;
  const end = value && value.range && !(isScalar(value) && value.value === null) ? doc.parsed.offset + value.range[1] : colon + 1;
  const column = columnOf(doc, key.range[0]) + 2;
  return { range: doc.file.lines.range(keyEnd, end), newText: `:\n${renderBlock(steps, entries, column)}` };
}

/** Appends a block after the last entry of a block mapping. */
function appendToMap(doc: YamlDocument, map: Node, steps: readonly string[], entries: readonly [string, string][]): TextEdit | undefined {
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const first = map.items[0].key as Node | null;
  if (!first?.range) return undefined;
  const column = columnOf(doc, first.range[0]);
  const at = doc.file.lines.positionAt(lineEndAt(doc, doc.parsed.offset + contentEnd(map)));
  return { range: { start: at, end: at }, newText: `\n${renderBlock(steps, entries, column)}` };
}

/**
 * Edits that make the mapping at `path` hold `entries` (values as YAML text): existing keys get the
 * new value, missing keys are appended, missing parent mappings are created. Undefined when the
 * document's shape does not allow it (a flow collection or a list on the way).
 */
export function setEntries(doc: YamlDocument, path: JsonPath, entries: readonly [string, string][]): TextEdit[] | undefined {
  const found = locate(doc.parsed, path);
  if (found.depth === path.length) {
    const node = found.node;
    if (isMap(node) && !node.flow) {
      const edits: TextEdit[] = [];
      const missing: [string, string][] = [];
      for (const [k, v] of entries) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.source ?? p.key.value) === k);
        if (!pair) missing.push([k, v]);
        else if (isScalar(pair.value) && pair.value.range && pair.value.source !== v.replace(/^"|"$/g, '')) {
          edits.push({ range: doc.file.lines.range(doc.parsed.offset + pair.value.range[0], doc.parsed.offset + pair.value.range[1]), newText: v });
        }
      }
      if (missing.length > 0) {
        const append = appendToMap(doc, node, [], missing);
        if (!append) return undefined;
        edits.push(append);
      }
      return edits;
    }
    if (found.pair && (!node || (isScalar(node) && node.value === null) || (isMap(node) && node.flow))) {
      const existing: [string, string][] = isMap(node)
        ? node.items
            .filter((p) => isScalar(p.key))
            .map((p) => [String((p.key as { value: unknown }).value), String((p.value as { source?: string } | null)?.source ?? '')])
        : [];
      const merged = [...existing.filter(([k]) => !entries.some(([e]) => e === k)), ...entries];
      const edit = replacePairValue(doc, found.pair, [], merged);
      return edit ? [edit] : undefined;
    }
    return undefined;
  }
  const steps = path.slice(found.depth);
  if (steps.some((s) => typeof s === 'number')) return undefined;
  const parentNode = found.depth === 0 ? (doc.parsed.doc.contents as Node | null) : found.node;
  if (found.depth > 0 && found.pair && (!parentNode || (isScalar(parentNode) && parentNode.value === null))) {
    const edit = replacePairValue(doc, found.pair, steps as string[], entries);
    return edit ? [edit] : undefined;
  }
  if (!parentNode) return undefined;
  const edit = appendToMap(doc, parentNode, steps as string[], entries);
  return edit ? [edit] : undefined;
}

/** Replaces the mapping at `path` with exactly `entries`. */
export function replaceMap(doc: YamlDocument, path: JsonPath, entries: readonly [string, string][]): TextEdit[] | undefined {
  const found = locate(doc.parsed, path);
  if (found.depth !== path.length) return setEntries(doc, path, entries);
  const node = found.node;
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const first = node.items[0].key as Node | null;
    if (!first?.range) return undefined;
    const column = columnOf(doc, first.range[0]);
    const start = doc.parsed.offset + first.range[0];
    const end = lineEndAt(doc, doc.parsed.offset + contentEnd(node));
    return [{ range: doc.file.lines.range(start, end), newText: renderBlock([], entries, column).slice(column) }];
  }
  if (found.pair) {
    const edit = replacePairValue(doc, found.pair, [], entries);
    return edit ? [edit] : undefined;
  }
  return undefined;
}

/** Replaces the key text of the field at `path`. */
export function replaceKey(doc: YamlDocument, path: JsonPath, newKey: string): TextEdit | undefined {
  const found = locate(doc.parsed, path);
  const key = found.depth === path.length ? (found.pair?.key as Node | undefined) : undefined;
  if (!key?.range) return undefined;
  return { range: doc.file.lines.range(doc.parsed.offset + key.range[0], doc.parsed.offset + key.range[1]), newText: yamlKey(newKey) };
}

/** Replaces the scalar value at `path`. */
export function replaceValue(doc: YamlDocument, path: JsonPath, newText: string): TextEdit | undefined {
  const found = locate(doc.parsed, path);
  const node = found.depth === path.length ? found.node : undefined;
  if (!node?.range || !isScalar(node)) return undefined;
  return { range: doc.file.lines.range(doc.parsed.offset + node.range[0], doc.parsed.offset + node.range[1]), newText };
}

/** Deletes the lines of the entry at `path` (its key line through its value's last line). */
export function deleteEntry(doc: YamlDocument, path: JsonPath): TextEdit | undefined {
  const found = locate(doc.parsed, path);
  const key = found.depth === path.length ? (found.pair?.key as Node | undefined) : undefined;
  if (!key?.range) return undefined;
  const startLine = positionOf(doc, key.range[0]).line;
  const endOffset = found.node?.range ? contentEnd(found.node) : key.range[1];
  const endLine = positionOf(doc, endOffset).line;
  const start = doc.file.lines.offsetAt({ line: startLine, character: 0 });
  const end = doc.file.lines.offsetAt({ line: endLine + 1, character: 0 });
  return { range: doc.file.lines.range(start, end), newText: '' };
}
