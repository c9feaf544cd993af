/**
 * Locations without building the YAML AST: the index reads documents through their values and only
 * computes source ranges when something shows them (a diagnostic's related location, go-to-definition).
 */
import type { ParsedDocument, ParsedFile } from '../parse/parseFile';
import type { Range } from '../types';

/** Defines `range` on `target` as computed on first read. */
export function withLazyRange<T extends object>(target: T, compute: () => Range): T & { readonly range: Range } {
  let cached: Range | undefined;
  Object.defineProperty(target, 'range', { get: () => (cached ??= compute()), enumerable: true, configurable: true });
  return target as T & { readonly range: Range };
}

const chunkIds = new WeakMap<object, number>();
let nextChunkId = 1;

/**
 * A token that changes whenever ranges inside the document may have changed: the document's first
 * line in the file and the identity of its parsed text (unchanged documents are reused between
 * versions of a file, edited ones are parsed anew).
 */
export function documentToken(file: ParsedFile, parsed: ParsedDocument): string {
  const chunk = (parsed as { chunk?: object }).chunk ?? parsed;
  let id = chunkIds.get(chunk);
  if (id === undefined) chunkIds.set(chunk, (id = nextChunkId++));
  return `${file.lines.positionAt(parsed.offset ?? parsed.start).line}#${id}`;
}
