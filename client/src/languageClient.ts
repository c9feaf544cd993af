import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ShipshapeInitializationOptions } from '../../server/src/lsp/protocol';
import { createRestartLoggingErrorHandler } from './restartLogging';

/** Client id: also the prefix of the `shipshape.trace.server` setting that languageclient reads. */
export const CLIENT_ID = 'shipshape';
const CLIENT_NAME = 'Shipshape';

/** How often the server may crash within three minutes before it is no longer restarted. */
export const MAX_SERVER_RESTARTS = 4;

/** Bundled server entry point, relative to the extension root. */
const SERVER_MODULE = 'dist/server.js';

/**
 * What the server is told at every (re)start: where to keep the simulated cluster (this workspace's
 * storage, or the global storage without a workspace) and whether it may run one at all (only in a
 * trusted workspace). The extension contributes its own resource snippets.
 */
export function initializationOptions(context: vscode.ExtensionContext): ShipshapeInitializationOptions & { completion: { resourceSnippets: boolean } } {
  return {
    clusterStoragePath: (context.storageUri ?? context.globalStorageUri).fsPath,
    clusterEnabled: vscode.workspace.isTrusted,
    completion: { resourceSnippets: false },
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const errorHandler = createRestartLoggingErrorHandler(log, MAX_SERVER_RESTARTS);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: 'shipshape',
      // The server indexes every manifest of the workspace, open or not.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    // A function: evaluated again when the server restarts (after a crash, or when trust is granted).
    initializationOptions: () => initializationOptions(context),
    outputChannel: log,
    errorHandler: errorHandler.handler,
  };

  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  errorHandler.attach(client);
  // Trusting the workspace enables the simulated cluster: restart the server with the new options.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('The workspace is now trusted: restarting the language server with the simulated cluster enabled.');
      if (client.isRunning()) void client.restart();
    }),
  );
  return client;
}
