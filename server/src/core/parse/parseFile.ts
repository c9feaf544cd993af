import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Tags } from 'yaml';
import type { Diagnostic } from '../types';
import { splitDocuments } from './chunks';
import { fastDocumentValue } from './fastValues';
import { LineIndex } from './lineIndex';
import { ALIAS_FANOUT_MESSAGE, aliasExpansion } from './aliasExpansion';
import { exceedsNesting, MAX_NESTING } from './nesting';

/** A problem found while parsing, with offsets relative to its document's chunk. */
export interface LocalProblem {
  code: 'yaml-syntax' | 'duplicate-key';
  message: string;
  start: number;
  end: number;
}

/**
 * A document as parsed from one chunk of text, independent of where the chunk sits in the file, so it
 * can be reused by later versions of the file. Offsets are relative to the chunk.
 */
export interface ChunkDocument {
  /** The yaml library's AST; built on first use when the value came from the fast path. */
  readonly doc: Document.Parsed;
  readonly value: unknown;
  readonly hasErrors: boolean;
  readonly chunkText: string;
  readonly problems: readonly LocalProblem[];
  /** [start, end) of the document's content (after the `---` line, without trailing blanks). */
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** One YAML document of a file: a ChunkDocument placed at its offset in this version of the file. */
export class ParsedDocument {
  constructor(
    readonly index: number,
    readonly chunk: ChunkDocument,
    /** File offset that the AST's ranges are relative to (the chunk's start). */
    readonly offset: number,
  ) {}

  /** The yaml library's document. Its node ranges are relative to `offset`. */
  get doc(): Document.Parsed {
    return this.chunk.doc;
  }
  /** Plain JS value of the document, or undefined when it could not be built (alias bomb, errors). */
  get value(): unknown {
    return this.chunk.value;
  }
  get hasErrors(): boolean {
    return this.chunk.hasErrors;
  }
  get chunkText(): string {
    return this.chunk.chunkText;
  }
  /** File offset where the document's content starts. */
  get start(): number {
    return this.offset + this.chunk.contentStart;
  }
  /** File offset where the document's content ends. */
  get end(): number {
    return this.offset + this.chunk.contentEnd;
  }
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

const TOO_DEEP = `YAML nested too deeply to be read (the limit is ${MAX_NESTING.toLocaleString('en-US')} levels); the document was not checked.`;

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_COUNT = 100;

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
  const steps = parseFileSteps(uri, text, version, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseFile one chunk at a time: the generator yields after each chunk it had to parse (reused chunks
 * cost nothing), so a caller can spread a huge file over several turns of the event loop
 * (see service/slices.ts) and give up when a newer version arrives.
 */
export function* parseFileSteps(uri: string, text: string, version = 0, options: ParseOptions = {}): Generator<void, ParsedFile> {
  const lines = new LineIndex(text);
  const file: ParsedFile = { uri, version, text, lines, documents: [], syntaxDiagnostics: [], chunks: [] };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    file.syntaxDiagnostics.push(
      fileProblem(
        lines,
        `File is ${(text.length / 1048576).toFixed(1)} MB, above the ${(maxBytes / 1048576).toFixed(0)} MB limit; it was not checked.`,
        'warning',
      ),
    );
    return file;
  }
  if (looksBinary(text)) {
    file.syntaxDiagnostics.push(
      fileProblem(lines, 'File contains binary data (NUL bytes or invalid UTF-8); it is not a YAML manifest and was not checked.', 'warning'),
    );
    return file;
  }
  const reusable = new Map<string, ChunkDocument[][]>();
  for (const c of options.previous?.chunks ?? []) {
    const list = reusable.get(c.text);
    if (list) list.push(c.docs);
    else reusable.set(c.text, [c.docs]);
  }
  for (const chunk of splitDocuments(text)) {
    let docs = reusable.get(chunk.text)?.shift();
    if (!docs) {
      docs = parseChunk(chunk.text, options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT);
      yield;
    }
    file.chunks.push({ text: chunk.text, docs });
    for (const d of docs) {
      file.documents.push(new ParsedDocument(file.documents.length, d, chunk.start));
      for (const p of d.problems) {
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

/** Parses one chunk: the fast path when it can reproduce the value exactly, the yaml library otherwise. */
export function parseChunk(text: string, maxAliasCount = DEFAULT_MAX_ALIAS_COUNT): ChunkDocument[] {
  if (exceedsNesting(text)) return [unreadableChunk(text, TOO_DEEP)];
  const fast = fastDocumentValue(text);
  if (fast) return [new LazyChunkDocument(text, fast.value)];
  return parseChunkWithAst(text, maxAliasCount);
}

/** A document whose value came from the fast path; the AST is built when someone asks for ranges. */
class LazyChunkDocument implements ChunkDocument {
  private ast: Document.Parsed | undefined;
  readonly hasErrors = false;
  readonly problems: readonly LocalProblem[] = [];
  readonly contentStart: number;
  readonly contentEnd: number;

  constructor(
    readonly chunkText: string,
    readonly value: unknown,
  ) {
    [this.contentStart, this.contentEnd] = contentBounds(chunkText);
  }

  get doc(): Document.Parsed {
    if (!this.ast) {
      const docs = parseAllDocuments(this.chunkText, yamlOptions()) as Document.Parsed[];
      this.ast = Array.isArray(docs) && docs.length > 0 ? docs[0] : (parseAllDocuments('')[0] as Document.Parsed);
    }
    return this.ast;
  }
}

/** Content of a chunk without its `---` marker line, leading comments/blank lines and trailing blanks. */
function contentBounds(text: string): [number, number] {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(start, lineEnd).trim();
    if (line !== '' && !line.startsWith('#') && !/^---(\s|$)/.test(line)) break;
    if (/^---\s+\S/.test(line) && !line.slice(3).trim().startsWith('#')) {
      start += text.slice(start).indexOf('---') + 3;
      while (text[start] === ' ' || text[start] === '\t') start++;
      break;
    }
    start = nl < 0 ? text.length : nl + 1;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [Math.min(start, end), end];
}

function yamlOptions() {
  // logLevel 'error': the library's warnings (e.g. about collection keys) quote the document and would
  // go to the process' stderr, the server log.
  return { version: '1.1' as const, customTags: kubernetesYamlTags, uniqueKeys: false, prettyErrors: false, logLevel: 'error' as const };
}

/** A chunk that could not be read at all: an empty document with one problem at its start. */
function unreadableChunk(text: string, message: string): ChunkDocument {
  const [doc] = parseAllDocuments('') as Document.Parsed[];
  return {
    doc,
    value: undefined,
    hasErrors: true,
    chunkText: text,
    contentStart: 0,
    contentEnd: text.length,
    problems: [{ code: 'yaml-syntax', message, start: 0, end: 1 }],
  };
}

function parseChunkWithAst(text: string, maxAliasCount: number): ChunkDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, yamlOptions()) as Document.Parsed[];
  } catch (err) {
    return [unreadableChunk(text, `YAML could not be parsed: ${humanYamlError((err as Error).message)}`)];
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  return docs.map((doc) => {
    const problems: LocalProblem[] = doc.errors.map((err) => ({
      code: 'yaml-syntax',
      message: humanYamlError(err.message),
      start: err.pos[0],
      end: err.pos[1],
    }));
    findDuplicateKeys(doc, problems);
    let value: unknown;
    if (doc.errors.length === 0) {
      try {
        keepKeysAsWritten(doc);
        // Billion laughs ('nested') is left to the yaml library's alias-count guard, which stops it early.
        if (text.includes('*') && aliasExpansion(doc) === 'fan-out') throw new Error(ALIAS_FANOUT_MESSAGE);
        value = doc.toJS({ maxAliasCount });
      } catch (err) {
        const message =
          (err as Error).message === ALIAS_FANOUT_MESSAGE ? ALIAS_FANOUT_MESSAGE : `Document could not be read: ${humanYamlError((err as Error).message)}`;
        problems.push({ code: 'yaml-syntax', message, start: doc.range[0], end: doc.range[0] + 1 });
      }
    }
    const contentStart = doc.contents?.range ? doc.contents.range[0] : doc.range[0];
    const contentEnd = doc.contents?.range ? doc.contents.range[2] : doc.range[2];
    return { doc, value, hasErrors: doc.errors.length > 0, chunkText: text, problems, contentStart, contentEnd };
  });
}

function fileProblem(lines: LineIndex, message: string, severity: 'error' | 'warning'): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, lines.lineText(0).length) } },
    severity,
    code: 'yaml-syntax',
    message,
    source: 'shipshape',
  };
}

function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  // U+FFFD is what a UTF-8 decoder substitutes for invalid bytes.
  return sample.includes('\ufffd');
}

function humanYamlError(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.startsWith('Maximum call stack size exceeded') ? TOO_DEEP : first;
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
            out.push({
              code: 'duplicate-key',
              message: `Duplicate key '${name}': the later value silently replaces the earlier one.`,
              start: key.range[0],
              end: key.range[1],
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
