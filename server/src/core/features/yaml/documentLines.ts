import type { ParsedDocument, ParsedFile } from '../../parse/parseFile';
import { lineShape, type LineShape } from './lineShape';

/**
 * The lines of the YAML document around a line of a file, with their block structure (see lineShape).
 * Bounds come from `---` markers in the text, so they hold while the document does not parse.
 * Line shapes are computed on demand and kept.
 */
export class DocumentLines {
  /** First and last line (inclusive) of the document, markers excluded. */
  readonly startLine: number;
  readonly endLine: number;
  /** The parsed document at these lines, when the parser produced one. */
  readonly parsed: ParsedDocument | undefined;
  private readonly shapes = new Map<number, LineShape>();
  /** Lines inside block scalars, with the column of the scalar's owner (its key or `-`). */
  private textLines: Map<number, number> | undefined;

  constructor(
    readonly file: ParsedFile,
    line: number,
  ) {
    const last = file.lines.lineCount - 1;
    const at = Math.min(Math.max(line, 0), last);
    // On a marker line, the document is the one the marker opens.
    let start = isMarker(file.lines.lineText(at)) ? Math.min(at + 1, last) : at;
    while (start > 0 && !isMarker(file.lines.lineText(start - 1))) start--;
    let end = Math.max(start, at);
    while (end < last && !isMarker(file.lines.lineText(end + 1))) end++;
    this.startLine = start;
    this.endLine = end;
    this.parsed = documentAtOffset(file, file.lines.offsetAt({ line: start, character: 0 }));
  }

  text(line: number): string {
    return this.file.lines.lineText(line);
  }

  shape(line: number): LineShape {
    let s = this.shapes.get(line);
    if (!s) {
      s = lineShape(this.text(line));
      this.shapes.set(line, s);
    }
    return s;
  }

  /**
   * True for lines that are content of a block scalar (`key: |`): text, not structure. For a blank
   * line, `column` says where typing happens: text only when indented past the scalar's owner.
   */
  isScalarText(line: number, column?: number): boolean {
    if (!this.textLines) this.textLines = this.findScalarText();
    const owner = this.textLines.get(line);
    if (owner === undefined) return false;
    if (column === undefined || this.text(line).trim() !== '') return true;
    return column > owner;
  }

  /** True for lines that carry no structure: blank, comments, block scalar text. */
  skippable(line: number): boolean {
    return this.shape(line).blank || this.isScalarText(line);
  }

  /** The block scalar that owns `line`, if the line (blank or not) would be part of its text. */
  private findScalarText(): Map<number, number> {
    const out = new Map<number, number>();
    let owner = -1;
    for (let l = this.startLine; l <= this.endLine; l++) {
      const text = this.text(l);
      if (owner >= 0) {
        const indent = text.length - text.trimStart().length;
        if (text.trim() === '' || indent > owner) {
          out.set(l, owner);
          continue;
        }
        owner = -1;
      }
      const s = this.shape(l);
      if (s.blockScalar) owner = s.key !== undefined ? s.contentColumn : (s.dashes[s.dashes.length - 1] ?? s.indent);
    }
    return out;
  }
}

function isMarker(text: string): boolean {
  return /^(---|\.\.\.)(\s|$)/.test(text);
}

/** The parsed document that contains `offset` (documents are ordered by offset). */
export function documentAtOffset(file: ParsedFile, offset: number): ParsedDocument | undefined {
  const docs = file.documents;
  let lo = 0;
  let hi = docs.length - 1;
  let found: ParsedDocument | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = docs[mid];
    if (Math.min(d.offset, d.start) <= offset) {
      found = d;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found && offset > found.end) {
    // Past the end of the last document of a chunk: still that document when no marker intervenes.
    const between = file.text.slice(found.end, offset);
    if (/^(---|\.\.\.)(\s|$)/m.test(between)) return undefined;
  }
  return found;
}
