import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/service/languageService';

/** Editor features (completion, hover, code actions, navigation, code lenses) bound to LSP. */
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): void {
  void connection;
  void documents;
  void service;
}
registerFeatures.capabilities = {} as ServerCapabilities;
