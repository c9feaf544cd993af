import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Tags } from 'yaml';
import type { Diagnostic } from '../types';
import { LineIndex } from './lineIndex';

/** One YAML document of a file, parsed once per file version. */
export interface ParsedDocument {
  index: number;
  /** The yaml library's document (AST with source ranges). */
  doc: Document.Parsed;
  /** Plain JS value of the document, or undefined when it could not be built (alias bomb, errors). */
  value: unknown;
  /** Offsets [start, end) of the document in the file text. */
  start: number;
  end: number;
  hasErrors: boolean;
}

export interface ParsedFile {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** yaml-syntax, duplicate-key and file-level problems (binary, too large). */
  syntaxDiagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Files larger than this are not parsed; they get one diagnostic instead. */
  maxBytes?: number;
  /** Upper bound on alias expansions while building JS values (billion-laughs guard). */
  maxAliasCount?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Kubernetes decodes manifests as YAML 1.1 (yes/no/on/off are booleans, 0777 is octal), but it keeps
 * timestamps and sexagesimal numbers as strings. This tag filter reproduces that.
 */
function kubernetesYamlTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    const t = tag as { tag?: string; format?: string; test?: RegExp };
    if (t.tag === 'tag:yaml.org,2002:timestamp' || t.format === 'TIME') return false;
    return true;
  });
}

export function parseFile(uri: string, text: string, version = 0, options: ParseOptions = {}): ParsedFile {
  const lines = new LineIndex(text);
  const file: ParsedFile = { uri, version, text, lines, documents: [], syntaxDiagnostics: [] };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    file.syntaxDiagnostics.push(fileProblem(lines, 'yaml-syntax', `File is ${(text.length / 1048576).toFixed(1)} MB, above the ${(maxBytes / 1048576).toFixed(0)} MB limit; it was not checked.`, 'warning'));
    return file;
  }
  if (looksBinary(text)) {
    file.syntaxDiagnostics.push(fileProblem(lines, 'yaml-syntax', 'File contains binary data (NUL bytes or invalid UTF-8); it is not a YAML manifest and was not checked.', 'warning'));
    return file;
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      customTags: kubernetesYamlTags,
      uniqueKeys: false,
      prettyErrors: false,
      keepSourceTokens: false,
    }) as Document.Parsed[];
  } catch (err) {
    file.syntaxDiagnostics.push(fileProblem(lines, 'yaml-syntax', `YAML could not be parsed: ${(err as Error).message}`, 'error'));
    return file;
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  docs.forEach((doc, index) => {
    const [start, , end] = doc.range;
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      file.syntaxDiagnostics.push({
        range: lines.range(s, Math.max(e, s + 1)),
        severity: 'error',
        code: 'yaml-syntax',
        message: humanYamlError(err.message),
        source: 'shipshape',
      });
    }
    findDuplicateKeys(doc, lines, file.syntaxDiagnostics);
    let value: unknown;
    if (doc.errors.length === 0) {
      keepKeysAsWritten(doc);
      try {
        value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
      } catch (err) {
        file.syntaxDiagnostics.push({
          range: lines.range(start, Math.min(end, start + 1)),
          severity: 'error',
          code: 'yaml-syntax',
          message: `Document could not be read: ${(err as Error).message}`,
          source: 'shipshape',
        });
      }
    }
    file.documents.push({ index, doc, value, start, end, hasErrors: doc.errors.length > 0 });
  });
  return file;
}

function fileProblem(lines: LineIndex, code: string, message: string, severity: 'error' | 'warning'): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, lines.lineText(0).length) } }, severity, code, message, source: 'shipshape' };
}

function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  // U+FFFD is what a UTF-8 decoder substitutes for invalid bytes.
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return bad > 0;
}

function humanYamlError(message: string): string {
  const firstLine = message.split('\n')[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/** A map key written `y`, `on` or `null` must stay that string: Kubernetes field names are strings. */
function keepKeysAsWritten(doc: Document.Parsed): void {
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.source === 'string' && typeof pair.key.value !== 'string') {
        pair.key.value = pair.key.source;
      }
    },
  });
}

function findDuplicateKeys(doc: Document.Parsed, lines: LineIndex, out: Diagnostic[]): void {
  const stack: Node[] = doc.contents ? [doc.contents] : [];
  let guard = 0;
  while (stack.length > 0 && guard++ < 5_000_000) {
    const node = stack.pop() as Node;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          const name = String(key.source ?? key.value);
          if (name === '<<') {
            // merge keys may repeat
          } else if (seen.has(name) && key.range) {
            out.push({
              range: lines.range(key.range[0], key.range[1]),
              severity: 'error',
              code: 'duplicate-key',
              message: `Duplicate key '${name}': the later value silently replaces the earlier one.`,
              source: 'shipshape',
            });
          }
          seen.add(name);
        }
        if (pair.value && typeof pair.value === 'object') stack.push(pair.value as Node);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item && typeof item === 'object') stack.push(item as Node);
    }
  }
}
