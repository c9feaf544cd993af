/**
 * Transport-free results of the editor features. Shapes follow LSP closely (0-based positions, edits
 * as range + new text) so the LSP bindings convert them one to one, but nothing here imports LSP.
 */
import type { Diagnostic, Range } from '../types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits per document URI; `createFiles` lists new files the edits write into (created empty first). */
export interface WorkspaceEditResult {
  changes: Record<string, TextEdit[]>;
  createFiles?: string[];
}

export interface Location {
  uri: string;
  range: Range;
}

export type CompletionKind = 'field' | 'value' | 'enum' | 'reference' | 'kind' | 'snippet' | 'label';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label (a type, an apiVersion, where a reference points). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text that replaces `range`; a snippet when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** The range the insert text replaces (the partial word at the cursor). */
  range: Range;
  filterText?: string;
  sortText?: string;
  /** Edits elsewhere in the document (e.g. the apiVersion that goes with a picked kind). */
  additionalEdits?: TextEdit[];
  preselect?: boolean;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix';
  /** The diagnostic the action fixes, if any. */
  diagnostic?: Diagnostic;
  edit: WorkspaceEditResult;
  isPreferred?: boolean;
}

export type SymbolKindName = 'resource' | 'container' | 'port' | 'key' | 'rule';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  /** The whole extent of the symbol. */
  range: Range;
  /** The part to reveal and select (e.g. metadata.name). Inside `range`. */
  selectionRange: Range;
  children?: SymbolEntry[];
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKindName;
  location: Location;
  /** The file (or namespace) holding the symbol. */
  containerName?: string;
}
