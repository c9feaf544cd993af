/**
 * The block structure of one YAML line, read from its text alone: indentation, `- ` sequence markers,
 * a mapping key and the inline value. Used where the document may not parse (while typing), so it
 * never throws and accepts anything.
 */
export interface LineShape {
  /** Leading spaces. */
  indent: number;
  /** Nothing but whitespace or a comment. */
  blank: boolean;
  /** `---` or `...` at column 0. */
  documentMarker: boolean;
  /** Columns of the `-` sequence markers that open the line (`- - a` has two). */
  dashes: number[];
  /** Column where the content after the markers starts. */
  contentColumn: number;
  /** The mapping key, unquoted, when the content is `key:` or `key: value`. */
  key?: string;
  /** Column just after the key text (where the colon is). */
  keyEnd?: number;
  /** Inline value after `key:` (or the whole content when there is no key), without a trailing comment. */
  value: string;
  /** Column where `value` starts. */
  valueColumn: number;
  /** The value opens a block scalar (`|`, `>-`, `|2+`...): the lines below are text, not structure. */
  blockScalar: boolean;
}

const BLOCK_SCALAR = /^[|>][-+0-9]*$/;

export function lineShape(text: string): LineShape {
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  const indent = i;
  const shape: LineShape = {
    indent,
    blank: false,
    documentMarker: false,
    dashes: [],
    contentColumn: indent,
    value: '',
    valueColumn: indent,
    blockScalar: false,
  };
  if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(text)) {
    shape.documentMarker = true;
    return shape;
  }
  while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
    shape.dashes.push(i);
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  shape.contentColumn = i;
  const rest = text.slice(i);
  if (rest.trim() === '' || rest.startsWith('#')) {
    shape.blank = shape.dashes.length === 0;
    shape.valueColumn = i;
    return shape;
  }
  const colon = keyColon(rest);
  if (colon >= 0) {
    shape.key = unquote(rest.slice(0, colon).trimEnd());
    shape.keyEnd = i + rest.slice(0, colon).trimEnd().length;
    let v = colon + 1;
    while (rest[v] === ' ' || rest[v] === '\t') v++;
    shape.valueColumn = i + v;
    shape.value = stripComment(rest.slice(v));
  } else {
    shape.valueColumn = i;
    shape.value = stripComment(rest);
  }
  shape.blockScalar = BLOCK_SCALAR.test(withoutProperties(shape.value));
  return shape;
}

/** True when the value leaves room for a nested block (nothing, or only an anchor or tag). */
export function opensBlock(shape: LineShape): boolean {
  return shape.key !== undefined && withoutProperties(shape.value) === '';
}

/** Drops `&anchor` and `!tag` properties in front of a value. */
function withoutProperties(value: string): string {
  return value.replace(/^(?:[&!][^\s]*\s*)+/, '').trim();
}

/** Index of the colon that ends a mapping key in `content`, or -1. */
function keyColon(content: string): number {
  const first = content[0];
  if (first === '"' || first === "'") {
    const close = closingQuote(content, first);
    if (close < 0) return -1;
    let j = close + 1;
    while (content[j] === ' ') j++;
    return content[j] === ':' && (j + 1 === content.length || /\s/.test(content[j + 1])) ? j : -1;
  }
  if (first === '{' || first === '[' || first === '|' || first === '>') return -1;
  for (let j = 0; j < content.length; j++) {
    const c = content[j];
    if (c === '#' && j > 0 && /\s/.test(content[j - 1])) return -1;
    if (c === ':' && (j + 1 === content.length || content[j + 1] === ' ' || content[j + 1] === '\t')) return j;
  }
  return -1;
}

function closingQuote(content: string, quote: string): number {
  for (let j = 1; j < content.length; j++) {
    if (quote === '"' && content[j] === '\\') {
      j++;
      continue;
    }
    if (content[j] === quote) {
      if (quote === "'" && content[j + 1] === "'") {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

function unquote(key: string): string {
  if (key.length >= 2 && ((key[0] === '"' && key.endsWith('"')) || (key[0] === "'" && key.endsWith("'")))) {
    return key[0] === '"' ? key.slice(1, -1).replace(/\\(.)/g, '$1') : key.slice(1, -1).replace(/''/g, "'");
  }
  return key;
}

/** Removes a trailing ` # comment` outside quotes. */
export function stripComment(value: string): string {
  let quote: string | undefined;
  for (let j = 0; j < value.length; j++) {
    const c = value[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (j === 0) quote = c;
    } else if (c === '#' && (j === 0 || /\s/.test(value[j - 1]))) {
      return value.slice(0, j).trimEnd();
    }
  }
  return value.trimEnd();
}

/** The plain value of an inline scalar: quotes removed. */
export function scalarText(value: string): string {
  return unquote(value.trim());
}
