import type { ParsedFile } from '../../parse/parseFile';
import type { Position, Range } from '../../types';
import { DocumentLines } from './documentLines';
import { lineShape, stripComment } from './lineShape';
import { enclosingPath, mappingKeys, type PathStep, type SiblingKey } from './structure';

/**
 * What is being typed at a position, worked out from the text around it (indentation and the
 * current line), so it holds in documents that do not parse.
 *
 * - `key`: a mapping key is being typed at `column`; `path` is the mapping that gets it. When the line
 *   is a fresh list item (`- |`), `path` ends with the item's index and `listItem` is true.
 * - `value`: the value of the key on the line; `path` ends with that key.
 * - `none`: inside a comment, a block scalar, a flow collection or a marker.
 */
export interface CursorContext {
  kind: 'key' | 'value' | 'none';
  lines: DocumentLines;
  path: PathStep[];
  /** The word typed so far (keys: up to the cursor; values: up to the cursor, quotes kept). */
  prefix: string;
  /** What a completion replaces: the whole key word, or the whole inline value. */
  range: Range;
  /** Column of the key (for `key`), or of the key whose value is typed (for `value`). */
  column: number;
  /** The line is a new list item: `- |`. */
  listItem: boolean;
  /** The line already has `key:` after the cursor: insert the key name only. */
  keyHasColon: boolean;
  /** For values typed right after the colon (`key:|`): the space to put before the inserted value. */
  valueLead: string;
  /** Keys of the mapping the cursor is in (for values: the mapping holding the key), with inline values. */
  siblings: SiblingKey[];
  line: number;
}

export function cursorContext(file: ParsedFile, position: Position): CursorContext {
  const lines = new DocumentLines(file, position.line);
  const text = lines.text(position.line);
  const character = Math.min(position.character, text.length);
  const before = text.slice(0, character);
  const shape = lineShape(before);
  const full = lineShape(text);
  const none: CursorContext = {
    kind: 'none',
    lines,
    path: [],
    prefix: '',
    range: { start: position, end: position },
    column: character,
    listItem: false,
    keyHasColon: false,
    valueLead: '',
    siblings: [],
    line: position.line,
  };
  if (shape.documentMarker || full.documentMarker || lines.isScalarText(position.line, character)) return none;
  if (stripComment(before) !== before.trimEnd() && before.trim() !== '') return none; // in a comment
  const at = (c: number): Position => ({ line: position.line, character: c });

  if (shape.key !== undefined) {
    const typed = before.slice(shape.valueColumn);
    if (/^[[{|>]/.test(typed) || typed.includes(' #')) return none;
    const valueEnd = full.key === shape.key ? full.valueColumn + full.value.length : text.length;
    const path = [...enclosingPath(lines, position.line, shape.contentColumn, shape.dashes), shape.key];
    return {
      ...none,
      kind: 'value',
      path,
      prefix: typed,
      range: { start: at(shape.valueColumn), end: at(Math.max(valueEnd, character)) },
      column: shape.contentColumn,
      listItem: shape.dashes.length > 0,
      valueLead: before[shape.valueColumn - 1] === ':' ? ' ' : '',
      siblings: mappingKeys(lines, position.line, shape.contentColumn, shape.dashes.length > 0),
    };
  }

  const typed = before.slice(shape.contentColumn);
  if (shape.dashes.length > 0 && before.endsWith('-')) return none; // `-|`: the space comes first
  if (typed !== '' && !/^["']?[\w./-]*$/.test(typed)) return none;
  const column = typed === '' && shape.dashes.length === 0 ? character : shape.contentColumn;
  // The word under the cursor ends at the colon of an existing key, or at the end of the word.
  let wordEnd = character;
  while (wordEnd < text.length && /[\w./-]/.test(text[wordEnd])) wordEnd++;
  const keyHasColon = full.key !== undefined && full.keyEnd !== undefined && full.keyEnd >= character && full.contentColumn === shape.contentColumn;
  const path = enclosingPath(lines, position.line, column, shape.dashes);
  return {
    ...none,
    kind: 'key',
    path,
    prefix: typed,
    range: { start: at(column), end: at(keyHasColon && full.keyEnd !== undefined ? full.keyEnd : wordEnd) },
    column,
    listItem: shape.dashes.length > 0,
    keyHasColon,
    siblings: mappingKeys(lines, position.line, column, shape.dashes.length > 0).filter((s) => s.line !== position.line),
  };
}
