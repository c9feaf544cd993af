import type { DocumentLines } from './documentLines';
import { opensBlock } from './lineShape';

/**
 * Block-structure questions answered from indentation, for documents that may not parse: which
 * mapping keys and list items enclose a column of a line, and which keys a mapping already has.
 */

export type PathStep = string | number;

/**
 * The JSON path of the node that content at `column` of `line` belongs to: the enclosing keys and
 * list items. `dashes` are the `-` markers of `line` itself that come before `column`.
 */
export function enclosingPath(lines: DocumentLines, line: number, column: number, dashes: readonly number[]): PathStep[] {
  const steps: PathStep[] = [];
  let target = column;
  let compact = false; // a `-` at column c may belong to a key at the same column c
  for (let i = dashes.length - 1; i >= 0; i--) {
    if (dashes[i] >= target) continue;
    steps.unshift(itemIndex(lines, line, dashes[i]));
    target = dashes[i];
    compact = true;
  }
  for (let l = line - 1; l >= lines.startLine; l--) {
    if (target === 0 && !compact) break;
    if (lines.skippable(l)) continue;
    const s = lines.shape(l);
    if (s.documentMarker) break;
    if (opensBlock(s) && (s.contentColumn < target || (compact && s.contentColumn === target && s.dashes.length === 0))) {
      steps.unshift(s.key as string);
      target = s.contentColumn;
      compact = false;
    } else if (opensBlock(s) && compact && s.contentColumn === target && s.dashes.length > 0 && s.dashes[s.dashes.length - 1] < target) {
      // `- key:` followed by a compact list at the key's column
      steps.unshift(s.key as string);
      target = s.contentColumn;
      compact = false;
    }
    for (let i = s.dashes.length - 1; i >= 0; i--) {
      const d = s.dashes[i];
      if (d >= target) continue;
      steps.unshift(itemIndex(lines, l, d));
      target = d;
      compact = true;
    }
  }
  return steps;
}

/** Index of the list item whose `-` is at `column` of `line`: the number of earlier items of the same list. */
export function itemIndex(lines: DocumentLines, line: number, column: number): number {
  let count = 0;
  for (let l = line - 1; l >= lines.startLine; l--) {
    if (lines.skippable(l)) continue;
    const s = lines.shape(l);
    if (s.documentMarker) break;
    const first = s.dashes[0] ?? s.contentColumn;
    if (first < column) break;
    if (first === column) {
      if (s.dashes.length > 0 && s.dashes[0] === column) count++;
      else break; // a key at the list's column owns a compact list
    }
  }
  return count;
}

export interface SiblingKey {
  key: string;
  line: number;
  /** Inline value as written (comment stripped). */
  value: string;
}

/**
 * Keys of the mapping that has (or gets) a key at `column` of `line`. `itemStart` says that `line`
 * opens a new list item, so nothing above belongs to the same mapping.
 */
export function mappingKeys(lines: DocumentLines, line: number, column: number, itemStart: boolean): SiblingKey[] {
  const out: SiblingKey[] = [];
  const own = lines.shape(line);
  if (own.key !== undefined && own.contentColumn === column) out.push({ key: own.key, line, value: own.value });
  if (!itemStart) {
    for (let l = line - 1; l >= lines.startLine; l--) {
      if (lines.skippable(l)) continue;
      const s = lines.shape(l);
      if (s.documentMarker) break;
      const first = s.dashes[0] ?? s.contentColumn;
      if (s.contentColumn === column && s.key !== undefined) {
        out.push({ key: s.key, line: l, value: s.value });
        if (s.dashes.length > 0) break; // the line that opens our list item
        continue;
      }
      if (first < column) break;
    }
  }
  for (let l = line + 1; l <= lines.endLine; l++) {
    if (lines.skippable(l)) continue;
    const s = lines.shape(l);
    if (s.documentMarker) break;
    const first = s.dashes[0] ?? s.contentColumn;
    if (first < column) break;
    if (s.contentColumn === column && s.key !== undefined) out.push({ key: s.key, line: l, value: s.value });
  }
  return out;
}
