/** Conversions between the core features' results and LSP types. */
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Hover,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type {
  CodeActionEntry,
  CompletionEntry,
  CompletionKind,
  HoverResult,
  SymbolEntry,
  SymbolKindName,
  WorkspaceEditResult,
  WorkspaceSymbolEntry,
} from '../../core/features/types';
import type { Diagnostic } from '../../core/types';
import { fromLspSeverity, toLspDiagnostic } from '../convert';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  kind: CompletionItemKind.Class,
  snippet: CompletionItemKind.Snippet,
  label: CompletionItemKind.Constant,
};

const SYMBOL_KIND: Record<SymbolKindName, SymbolKind> = {
  resource: SymbolKind.Class,
  container: SymbolKind.Object,
  port: SymbolKind.Number,
  key: SymbolKind.Key,
  rule: SymbolKind.Property,
};

export function toCompletionItem(e: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: COMPLETION_KIND[e.kind],
    textEdit: { range: e.range, newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Inserted lines carry their final indentation already.
    insertTextMode: InsertTextMode.asIs,
  };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.filterText) item.filterText = e.filterText;
  if (e.sortText) item.sortText = e.sortText;
  if (e.preselect) item.preselect = true;
  if (e.additionalEdits?.length) item.additionalTextEdits = e.additionalEdits;
  return item;
}

export function toHover(h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range };
}

export function toWorkspaceEdit(e: WorkspaceEditResult): WorkspaceEdit {
  return { changes: e.changes };
}

export function toCodeAction(a: CodeActionEntry): CodeAction {
  const action: CodeAction = { title: a.title, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(a.edit) };
  if (a.diagnostic) action.diagnostics = [toLspDiagnostic(a.diagnostic)];
  if (a.isPreferred) action.isPreferred = true;
  return action;
}

export function fromLspDiagnostic(d: LspDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: fromLspSeverity(d.severity),
    code: d.code === undefined ? '' : String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    source: 'shipshape',
  };
  if (d.data && typeof d.data === 'object') out.data = d.data as Diagnostic['data'];
  return d.source === 'shipshape' ? out : { ...out, source: d.source as 'shipshape' };
}

export function toDocumentSymbol(s: SymbolEntry): DocumentSymbol {
  const out: DocumentSymbol = { name: s.name, kind: SYMBOL_KIND[s.kind], range: s.range, selectionRange: s.selectionRange };
  if (s.detail) out.detail = s.detail;
  if (s.children?.length) out.children = s.children.map(toDocumentSymbol);
  return out;
}

export function toSymbolInformation(s: WorkspaceSymbolEntry): SymbolInformation {
  const out: SymbolInformation = { name: s.name, kind: SYMBOL_KIND[s.kind], location: s.location };
  if (s.containerName) out.containerName = s.containerName;
  return out;
}
