import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { createRestartLoggingErrorHandler } from './restartLogging';

/** Client id: also the prefix of the `shipshape.trace.server` setting that languageclient reads. */
export const CLIENT_ID = 'shipshape';
const CLIENT_NAME = 'Shipshape';

/** How often the server may crash within three minutes before it is no longer restarted. */
export const MAX_SERVER_RESTARTS = 4;

/** Bundled server entry point, relative to the extension root. */
const SERVER_MODULE = 'dist/server.js';

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
    outputChannel: log,
    errorHandler: errorHandler.handler,
  };

  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  errorHandler.attach(client);
  return client;
}
