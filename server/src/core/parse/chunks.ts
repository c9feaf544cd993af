/**
 * Splits a YAML stream into chunks at document markers (`---` at column 0), so that each document can
 * be parsed on its own and reused when its text did not change. Files with directives (`%YAML`, `%TAG`)
 * stay one chunk: a directive belongs to the next document and must be parsed with it.
 */
export interface Chunk {
  start: number;
  end: number;
  text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;

export function splitDocuments(text: string): Chunk[] {
  if (/^%/m.test(text)) return [{ start: 0, end: text.length, text }];
  const starts: number[] = [0];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m.index !== 0) starts.push(m.index);
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    // A leading chunk holding only blanks and comments belongs to nothing; keep it only when it is all there is.
    const slice = text.slice(start, end);
    if (i === 0 && starts.length > 1 && isBlankOrComments(slice)) continue;
    chunks.push({ start, end, text: slice });
  }
  return chunks;
}

function isBlankOrComments(text: string): boolean {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) return false;
  }
  return true;
}
