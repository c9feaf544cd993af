import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerClusterCommands } from './clusterCommands';
import { registerClusterPanel } from './panel/clusterPanel';
import { registerKubectlAccess } from './kubectlAccess';

let client: LanguageClient | undefined;

/** Starts the Shipshape language server and registers the extension's commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Shipshape', { log: true });
  context.subscriptions.push(log);

  client = createLanguageClient(context, log);
  registerClusterCommands(context, client);
  registerClusterPanel(context, client);
  registerKubectlAccess(context, client, log);

  try {
    await client.start();
    log.info('Shipshape language server started.');
  } catch (error) {
    log.error(`Shipshape language server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage('Shipshape: the language server failed to start. See the "Shipshape" output for details.');
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
