/**
 * Editor features bound to LSP: completion, hover, quick fixes, go to definition, find references,
 * document and workspace symbols. The work is done by core/features (transport-free) on the file the
 * LanguageService parsed for the current document version.
 */
import { CodeActionKind, type Connection, type InitializeParams, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorFeatures } from '../core/features/editorFeatures';
import { describeError } from './errorLog';
import type { CompletionOptions } from '../core/features/completion/scope';
import type { LanguageService } from '../core/service/languageService';
import { fromLspDiagnostic, toCodeAction, toCompletionItem, toDocumentSymbol, toHover, toSymbolInformation } from './features/convert';

/** What the server binds of the editor features: the capabilities to advertise, set from the client's. */
export interface FeatureBinding {
  /**
   * Reads what the client supports and returns the capabilities to advertise.
   * `initializationOptions.completion.resourceSnippets: false` turns off the resource snippets the server
   * offers in empty documents (for clients that contribute snippets/kubernetes.json themselves, like the
   * VS Code extension).
   */
  initialize(params: InitializeParams): ServerCapabilities;
}

const CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: [':'], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
};

export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): FeatureBinding {
  const options: CompletionOptions = { snippets: false, resourceSnippets: true };
  let features: EditorFeatures | undefined;
  // Created on first use: the schema layer loads lazily too.
  const get = (): EditorFeatures => (features ??= new EditorFeatures(service));
  const known = (uri: string): boolean => documents.get(uri) !== undefined || service.get(uri) !== undefined;
  const guarded = <T>(name: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (err) {
      connection.console.error(`${name} failed: ${describeError(err)}`);
      return fallback;
    }
  };

  connection.onCompletion((p) =>
    known(p.textDocument.uri) ? guarded('completion', [], () => get().completion(p.textDocument.uri, p.position, options).map(toCompletionItem)) : [],
  );
  connection.onHover((p) =>
    known(p.textDocument.uri)
      ? guarded('hover', null, () => {
          const h = get().hover(p.textDocument.uri, p.position);
          return h ? toHover(h) : null;
        })
      : null,
  );
  connection.onCodeAction((p) =>
    guarded('codeAction', [], () => get().codeActions(p.textDocument.uri, p.range, p.context.diagnostics.map(fromLspDiagnostic)).map(toCodeAction)),
  );
  connection.onDefinition((p) => guarded('definition', [], () => get().definition(p.textDocument.uri, p.position)));
  connection.onReferences((p) => guarded('references', [], () => get().references(p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentSymbol((p) => guarded('documentSymbol', [], () => get().documentSymbols(p.textDocument.uri).map(toDocumentSymbol)));
  connection.onWorkspaceSymbol((p) => guarded('workspaceSymbol', [], () => get().workspaceSymbols(p.query).map(toSymbolInformation)));

  return {
    initialize(params) {
      options.snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
      const init = params.initializationOptions as { completion?: { resourceSnippets?: unknown } } | undefined;
      options.resourceSnippets = init?.completion?.resourceSnippets !== false;
      return CAPABILITIES;
    },
  };
}
