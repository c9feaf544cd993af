import * as vscode from 'vscode';
import { ErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { resolveFileTarget, resolveResourceTarget, type FileTarget, type ResourceTarget } from './commandTargets';

/**
 * Requests the cluster commands send to the server. The server defines them; until it handles a
 * method it answers MethodNotFound and the command says that the feature is not available yet.
 */
export const CLUSTER_METHODS = {
  applyResource: 'shipshape/applyResource',
  applyFile: 'shipshape/applyFile',
  deleteResource: 'shipshape/deleteResource',
  clusterState: 'shipshape/clusterState',
  resetCluster: 'shipshape/resetCluster',
} as const;

/** Command ids contributed in package.json. */
export const COMMANDS = {
  apply: 'shipshape.apply',
  applyFile: 'shipshape.applyFile',
  delete: 'shipshape.delete',
  openCluster: 'shipshape.openCluster',
  resetCluster: 'shipshape.resetCluster',
} as const;

interface ClusterCommand {
  id: string;
  /** Shown in messages, e.g. "Apply Resource". */
  label: string;
  /** Changes the simulated cluster: disabled in untrusted workspaces. */
  mutates: boolean;
  /** Builds the request parameters from the command arguments; undefined means nothing to act on. */
  params(args: unknown[]): ResourceTarget | FileTarget | Record<string, never> | undefined;
  method: string;
}

const CLUSTER_COMMANDS: readonly ClusterCommand[] = [
  { id: COMMANDS.apply, label: 'Apply Resource', mutates: true, params: resolveResourceTarget, method: CLUSTER_METHODS.applyResource },
  { id: COMMANDS.applyFile, label: 'Apply File', mutates: true, params: resolveFileTarget, method: CLUSTER_METHODS.applyFile },
  { id: COMMANDS.delete, label: 'Delete Resource', mutates: true, params: resolveResourceTarget, method: CLUSTER_METHODS.deleteResource },
  { id: COMMANDS.openCluster, label: 'Open Simulated Cluster', mutates: false, params: () => ({}), method: CLUSTER_METHODS.clusterState },
  { id: COMMANDS.resetCluster, label: 'Reset Simulated Cluster', mutates: true, params: () => ({}), method: CLUSTER_METHODS.resetCluster },
];

export function registerClusterCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  for (const command of CLUSTER_COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => runClusterCommand(client, command, args)));
  }
}

async function runClusterCommand(client: LanguageClient, command: ClusterCommand, args: unknown[]): Promise<void> {
  if (command.mutates && !vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(`Shipshape: "${command.label}" is disabled in untrusted workspaces; validation still runs.`);
    return;
  }
  const params = command.params(args);
  if (!params) {
    void vscode.window.showInformationMessage(`Shipshape: "${command.label}" needs a YAML manifest; open one first.`);
    return;
  }
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('Shipshape: the language server is not running. See the "Shipshape" output for details.');
    return;
  }
  try {
    const result: unknown = await client.sendRequest(command.method, params);
    client.outputChannel.appendLine(`${command.label}: ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
      void vscode.window.showInformationMessage(`Shipshape: "${command.label}" is not available yet: this version of the language server does not support it.`);
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Shipshape: "${command.label}" failed: ${reason}`);
  }
}
