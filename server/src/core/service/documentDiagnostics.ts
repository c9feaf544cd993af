/**
 * Single-file diagnostics per document, kept across versions of a file: after an edit only the
 * documents whose text changed are checked again; the diagnostics of the others move with their
 * document (shifted by the lines inserted or removed above it, with the new document index). A
 * document's check results depend only on the document, the settings, the file's role and the
 * CRDs of the workspace, so the service keeps them for one settings generation and role, and drops
 * them when the workspace invalidates the file.
 */
import type { ResourceDiagnosticsReuse } from '../analysis/analyzeFile';
import type { Resource } from '../model/resource';
import type { ChunkDocument } from '../parse/parseFile';
import type { Diagnostic } from '../types';

interface DocumentEntry {
  /** First line of the document's content when the diagnostics were placed. */
  line: number;
  documentIndex: number;
  diagnostics: readonly Diagnostic[];
}

/** What a file keeps between analyses. */
export interface KeptDocumentDiagnostics {
  generation: number;
  roleKey: string;
  entries: ReadonlyMap<ChunkDocument, DocumentEntry>;
}

/** Kinds whose presence in a file changes how the file's other documents are checked. */
const FILE_WIDE_KINDS = new Set(['CustomResourceDefinition', 'Kustomization', 'Component']);

/** Files defining CRDs or kustomizations, or holding list documents (several objects per document), are always checked in full. */
export function allowsDocumentReuse(resources: readonly Resource[]): boolean {
  return !resources.some((r) => FILE_WIDE_KINDS.has(r.kind) || r.listItem !== undefined);
}

function shifted(d: Diagnostic, uri: string, delta: number, documentIndex: number): Diagnostic {
  const move = <T extends { range: Diagnostic['range'] }>(x: T): T =>
    delta === 0
      ? x
      : { ...x, range: { start: { ...x.range.start, line: x.range.start.line + delta }, end: { ...x.range.end, line: x.range.end.line + delta } } };
  const out = move(d);
  const placed: Diagnostic = out === d ? { ...d } : out;
  if (d.related) placed.related = d.related.map((r) => (r.uri === uri ? move(r) : r));
  if (d.data) placed.data = { ...d.data, documentIndex };
  return placed;
}

/** One analysis: reads what the previous analysis kept, records what this one computed or reused. */
export class DocumentDiagnostics implements ResourceDiagnosticsReuse {
  private readonly current = new Map<ChunkDocument, DocumentEntry>();

  constructor(private readonly previous?: ReadonlyMap<ChunkDocument, DocumentEntry>) {}

  get(resource: Resource): Diagnostic[] | undefined {
    const entry = this.previous?.get(resource.parsed.chunk);
    if (!entry) return undefined;
    const line = resource.range.start.line;
    const placed =
      line === entry.line && resource.documentIndex === entry.documentIndex
        ? [...entry.diagnostics]
        : entry.diagnostics.map((d) => shifted(d, resource.uri, line - entry.line, resource.documentIndex));
    this.current.set(resource.parsed.chunk, { line, documentIndex: resource.documentIndex, diagnostics: placed });
    return placed;
  }

  set(resource: Resource, diagnostics: readonly Diagnostic[]): void {
    this.current.set(resource.parsed.chunk, { line: resource.range.start.line, documentIndex: resource.documentIndex, diagnostics: [...diagnostics] });
  }

  entries(): ReadonlyMap<ChunkDocument, DocumentEntry> {
    return this.current;
  }
}
