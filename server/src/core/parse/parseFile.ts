import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Tags } from 'yaml';
import type { Diagnostic } from '../types';
import { splitDocuments } from './chunks';
import { LineIndex } from './lineIndex';

/** A problem found while parsing, with offsets relative to its document's chunk. */
interface LocalProblem {
  code: 'yaml-syntax' | 'duplicate-key';
  message: string;
  start: number;
  end: number;
}

/** One YAML document of a file. Parsed once; reused across file versions while its text is unchanged. */
export interface ParsedDocument {
  index: number;
  /** The yaml library's document. Its node ranges are relative to `offset`. */
  doc: Document.Parsed;
  /** Plain JS value of the document, or undefined when it could not be built (alias bomb, errors). */
  value: unknown;
  /** File offset that the AST's ranges are relative to. */
  offset: number;
  /** Offsets [start, end) of the document in the file text. */
  start: number;
  end: number;
  hasErrors: boolean;
  /** The source text of the chunk this document came from (the cache key). */
  chunkText: string;
  problems: readonly LocalProblem[];
}

export interface ParsedFile {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** yaml-syntax, duplicate-key and file-level problems (binary, too large). */
  syntaxDiagnostics: Diagnostic[];
  /** Parsed chunks by source text, for reuse by the next version. */
  chunks: { text: string; docs: ChunkDocument[] }[];
}

export interface ParseOptions {
  /** Files larger than this are not parsed; they get one diagnostic instead. */
  maxBytes?: number;
  /** Upper bound on alias expansions while building JS values (billion-laughs guard). */
  maxAliasCount?: number;
  /** The previous version of the file: documents whose text is unchanged are reused, not parsed again. */
  previous?: ParsedFile;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Kubernetes decodes manifests as YAML 1.1 (yes/no/on/off are booleans, 0777 is octal), but it keeps
 * timestamps and sexagesimal numbers as strings. This tag filter reproduces that.
 */
function kubernetesYamlTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    const t = tag as { tag?: string; format?: string };
    return t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME';
  });
}

export function parseFile(uri: string, text: string, version = 0, options: ParseOptions = {}): ParsedFile {
  const lines = new LineIndex(text);
  const file: ParsedFile = { uri, version, text, lines, documents: [], syntaxDiagnostics: [], chunks: [] };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    file.syntaxDiagnostics.push(fileProblem(lines, `File is ${(text.length / 1048576).toFixed(1)} MB, above the ${(maxBytes / 1048576).toFixed(0)} MB limit; it was not checked.`, 'warning'));
    return file;
  }
  if (looksBinary(text)) {
    file.syntaxDiagnostics.push(fileProblem(lines, 'File contains binary data (NUL bytes or invalid UTF-8); it is not a YAML manifest and was not checked.', 'warning'));
    return file;
  }
  const reusable = new Map<string, ChunkDocument[][]>();
  for (const c of options.previous?.chunks ?? []) {
    const list = reusable.get(c.text);
    if (list) list.push(c.docs);
    else reusable.set(c.text, [c.docs]);
  }
  for (const chunk of splitDocuments(text)) {
    const docs = reusable.get(chunk.text)?.shift() ?? parseChunk(chunk.text, options.maxAliasCount ?? 100);
    file.chunks.push({ text: chunk.text, docs });
    for (const d of docs) {
      const [s, , e] = d.doc.range;
      const doc: ParsedDocument = { ...d, index: file.documents.length, offset: chunk.start, start: chunk.start + s, end: chunk.start + e };
      file.documents.push(doc);
      for (const p of doc.problems) {
        file.syntaxDiagnostics.push({
          range: lines.range(chunk.start + p.start, chunk.start + Math.max(p.end, p.start + 1)),
          severity: 'error',
          code: p.code,
          message: p.message,
          source: 'shipshape',
        });
      }
    }
  }
  return file;
}

export type ChunkDocument = Omit<ParsedDocument, 'index' | 'offset' | 'start' | 'end'>;

function parseChunk(text: string, maxAliasCount: number): ChunkDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { version: '1.1', customTags: kubernetesYamlTags, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    const empty = parseAllDocuments('') as Document.Parsed[];
    return empty.map((doc) => ({ doc, value: undefined, hasErrors: true, chunkText: text, problems: [{ code: 'yaml-syntax' as const, message: `YAML could not be parsed: ${(err as Error).message}`, start: 0, end: 1 }] }));
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  return docs.map((doc) => {
    const problems: LocalProblem[] = doc.errors.map((err) => ({ code: 'yaml-syntax', message: humanYamlError(err.message), start: err.pos[0], end: err.pos[1] }));
    findDuplicateKeys(doc, problems);
    let value: unknown;
    if (doc.errors.length === 0) {
      keepKeysAsWritten(doc);
      try {
        value = doc.toJS({ maxAliasCount });
      } catch (err) {
        problems.push({ code: 'yaml-syntax', message: `Document could not be read: ${(err as Error).message}`, start: doc.range[0], end: doc.range[0] + 1 });
      }
    }
    return { doc, value, hasErrors: doc.errors.length > 0, chunkText: text, problems };
  });
}

function fileProblem(lines: LineIndex, message: string, severity: 'error' | 'warning'): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, lines.lineText(0).length) } }, severity, code: 'yaml-syntax', message, source: 'shipshape' };
}

function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  // U+FFFD is what a UTF-8 decoder substitutes for invalid bytes.
  return sample.includes('\ufffd');
}

function humanYamlError(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
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

function findDuplicateKeys(doc: Document.Parsed, out: LocalProblem[]): void {
  const stack: Node[] = doc.contents ? [doc.contents] : [];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          const name = String(key.source ?? key.value);
          if (name !== '<<' && seen.has(name) && key.range) {
            out.push({ code: 'duplicate-key', message: `Duplicate key '${name}': the later value silently replaces the earlier one.`, start: key.range[0], end: key.range[1] });
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
