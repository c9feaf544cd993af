import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Methods, type ApiEndpointResponse } from '../../server/src/lsp/protocol';

export const OPEN_KUBECTL_TERMINAL = 'shipshape.openKubectlTerminal';
export const KUBECTL_ACCESS_SETTING = 'shipshape.cluster.kubectlAccess';

/**
 * kubectl in VS Code's terminals talks to the simulated cluster: new integrated terminals get
 * KUBECONFIG (while `shipshape.cluster.kubectlAccess` is on), and "Open kubectl Terminal" opens one
 * explicitly. The server starts the cluster's API server on the first request.
 */
export function registerKubectlAccess(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): void {
  const collection = context.environmentVariableCollection;
  collection.description = 'Shipshape: kubectl uses the simulated cluster (setting shipshape.cluster.kubectlAccess).';

  const endpoint = async (): Promise<ApiEndpointResponse | undefined> => {
    if (!client.isRunning()) return undefined;
    try {
      return await client.sendRequest<ApiEndpointResponse>(Methods.apiEndpoint, {});
    } catch (err) {
      log.warn(`The simulated cluster's Kubernetes API is not available: ${(err as Error).message}`);
      return undefined;
    }
  };

  const update = async (): Promise<void> => {
    if (!vscode.workspace.getConfiguration().get<boolean>(KUBECTL_ACCESS_SETTING, true)) {
      collection.clear();
      return;
    }
    const api = await endpoint();
    if (api) collection.replace('KUBECONFIG', api.kubeconfig);
    else collection.clear();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_KUBECTL_TERMINAL, async () => {
      const api = await endpoint();
      if (!api) {
        void vscode.window.showWarningMessage(
          'Shipshape: the simulated cluster is not running, so there is no Kubernetes API for kubectl. See the "Shipshape" output.',
        );
        return undefined;
      }
      const terminal = vscode.window.createTerminal({
        name: 'kubectl (Shipshape)',
        env: { KUBECONFIG: api.kubeconfig },
        message: `kubectl talks to the simulated cluster at ${api.server}. Try: kubectl get pods`,
      });
      terminal.show();
      return terminal;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(KUBECTL_ACCESS_SETTING)) void update();
    }),
    // A restarted server has a new API server (port, token): follow it.
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) void update();
    }),
  );
  if (client.isRunning()) void update();
}
