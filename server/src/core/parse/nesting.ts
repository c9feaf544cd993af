/**
 * A linear scan that bounds how deeply a YAML text nests, before any parser recurses into it. Real
 * manifests nest a few dozen levels; a hostile file nesting thousands of levels deep would exhaust the
 * parsers' stacks (and every recursive walk after them), so such a text is reported and not parsed.
 *
 * Counted: open flow brackets `[` `{` outside quotes and comments, and per line the block nesting
 * given by the indentation plus compact sequence dashes (`- - - x`). The result is an upper bound of
 * the real depth for ordinary texts (indentation counts columns, not levels).
 */
export const MAX_NESTING = 1000;

export function exceedsNesting(text: string, limit = MAX_NESTING): boolean {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (quote) {
      if (quote === '"' && c === 92)
        i++; // backslash escape
      else if (c === quote.charCodeAt(0)) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9) {
        if (++indent > limit) return true;
        continue;
      }
      if (c === 45 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        // a compact sequence entry: one more level on this line
        if (++indent > limit) return true;
        continue;
      }
      lineStart = false;
    }
    if (c === 34) quote = '"';
    else if (c === 39) {
      // a single quote opens a quoted scalar only at the start of a value, not inside a word (it's)
      const prev = text.charCodeAt(i - 1);
      if (i === 0 || prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58 || prev === 10) quote = "'";
    } else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if (c === 91 || c === 123) {
      if (++flow > limit) return true;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return false;
}
