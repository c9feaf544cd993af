import type { ParsedFile } from '../../parse/parseFile';
import type { Position, Range } from '../../types';
import { DocumentLines } from './documentLines';
import { lineShape } from './lineShape';
import { enclosingPath, type PathStep } from './structure';

/** The key or value under a position, with its JSON path; read from the text, so it works while typing. */
export interface PointTarget {
  lines: DocumentLines;
  /** Path of the field whose key or value is under the position. */
  path: PathStep[];
  target: 'key' | 'value';
  /** The key text, or the inline value text. */
  range: Range;
}

export function pointAt(file: ParsedFile, position: Position): PointTarget | undefined {
  const lines = new DocumentLines(file, position.line);
  if (lines.isScalarText(position.line)) return undefined;
  const text = lines.text(position.line);
  const s = lineShape(text);
  if (s.blank || s.documentMarker) return undefined;
  const c = position.character;
  const at = (start: number, end: number): Range => ({ start: { line: position.line, character: start }, end: { line: position.line, character: end } });
  const base = enclosingPath(lines, position.line, s.contentColumn, s.dashes);
  if (s.key !== undefined && s.keyEnd !== undefined) {
    if (c >= s.contentColumn && c <= s.keyEnd) return { lines, path: [...base, s.key], target: 'key', range: at(s.contentColumn, s.keyEnd) };
    if (s.value !== '' && c >= s.valueColumn && c <= s.valueColumn + s.value.length) {
      return { lines, path: [...base, s.key], target: 'value', range: at(s.valueColumn, s.valueColumn + s.value.length) };
    }
    return undefined;
  }
  if (s.dashes.length > 0 && s.value !== '' && c >= s.valueColumn && c <= s.valueColumn + s.value.length) {
    return { lines, path: base, target: 'value', range: at(s.valueColumn, s.valueColumn + s.value.length) };
  }
  return undefined;
}
