import type { Position } from '../../server/src/core/types';

/**
 * Splits a fixture at its cursor marker (`|`, or another one for fixtures with block scalars): the
 * text without the marker and the marker's position.
 */
export function atCursor(withMarker: string, marker = '|'): { text: string; position: Position } {
  const index = withMarker.indexOf(marker);
  if (index < 0) throw new Error(`fixture has no ${marker} cursor marker`);
  const text = withMarker.slice(0, index) + withMarker.slice(index + marker.length);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const character = index - (before.lastIndexOf('\n') + 1);
  return { text, position: { line, character } };
}

/** Offset of a position in `text`. */
export function offsetOf(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly { range: { start: Position; end: Position }; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
  return out;
}
