import * as vscode from 'vscode';
import { ErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { Methods, type ActionResponse, type ApplyParams, type ApplyResponse, type ClusterAction, type ClusterSnapshot } from '../../server/src/lsp/protocol';
import { resolveFileTarget, resolveResourceTarget } from './commandTargets';
import { ClusterPanel } from './panel/clusterPanel';

/** Command ids contributed in package.json. */
export const COMMANDS = {
  apply: 'shipshape.apply',
  applyFile: 'shipshape.applyFile',
  delete: 'shipshape.delete',
  openCluster: 'shipshape.openCluster',
  resetCluster: 'shipshape.resetCluster',
} as const;

/**
 * Commands not in the palette: a panel action or a snapshot, for keybindings, other extensions and the
 * extension's tests. They return the server's response.
 */
export const INTERNAL_COMMANDS = {
  action: 'shipshape.cluster.action',
  snapshot: 'shipshape.cluster.snapshot',
} as const;

const UNTRUSTED = 'is disabled in untrusted workspaces; validation still runs.';

/**
 * Registers the cluster commands. Apply, Apply File and Delete send `shipshape/cluster/apply|delete`
 * and return the response; the first successful apply of a session opens the cluster panel beside
 * the editor.
 */
export function registerClusterCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panelOpened = false;
  const openPanel = (): void => {
    panelOpened = true;
    ClusterPanel.show(context, client, { preserveFocus: true });
  };

  const manifestCommand =
    (label: string, method: string, resolve: (args: unknown[]) => ApplyParams | undefined) =>
    async (...args: unknown[]) => {
      if (!ready(label, true)) return undefined;
      const params = resolve(args);
      if (!params) {
        void vscode.window.showInformationMessage(`Shipshape: "${label}" needs a Kubernetes manifest; open a YAML file first.`);
        return undefined;
      }
      const response = await send<ApplyResponse>(label, method, params);
      if (!response) return undefined;
      report(client, response);
      if (method === Methods.apply && response.results.some((r) => r.outcome !== 'rejected') && !panelOpened) openPanel();
      return response;
    };

  const ready = (label: string, mutates: boolean): boolean => {
    if (mutates && !vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(`Shipshape: "${label}" ${UNTRUSTED}`);
      return false;
    }
    if (!client.isRunning()) {
      void vscode.window.showWarningMessage('Shipshape: the language server is not running. See the "Shipshape" output for details.');
      return false;
    }
    return true;
  };

  const send = async <R>(label: string, method: string, params: unknown): Promise<R | undefined> => {
    try {
      return await client.sendRequest<R>(method, params);
    } catch (error) {
      if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
        void vscode.window.showInformationMessage(`Shipshape: "${label}" is not supported by this version of the language server.`);
      } else {
        void vscode.window.showErrorMessage(`Shipshape: "${label}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    }
  };

  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };
  register(COMMANDS.apply, manifestCommand('Apply Resource', Methods.apply, resolveResourceTarget));
  register(COMMANDS.applyFile, manifestCommand('Apply File', Methods.apply, resolveFileTarget));
  register(COMMANDS.delete, manifestCommand('Delete Resource', Methods.delete, resolveResourceTarget));
  register(COMMANDS.openCluster, () => {
    if (ready('Open Simulated Cluster', false)) openPanel();
  });
  register(COMMANDS.resetCluster, async () => {
    if (!ready('Reset Simulated Cluster', true)) return undefined;
    const reset = 'Reset';
    const answer = await vscode.window.showWarningMessage('Reset the simulated cluster? Every applied object is deleted.', { modal: true }, reset);
    if (answer !== reset) return undefined;
    const snapshot = await send<ClusterSnapshot>('Reset Simulated Cluster', Methods.reset, {});
    if (snapshot) vscode.window.setStatusBarMessage('Shipshape: the simulated cluster was reset.', 5000);
    return snapshot;
  });
  register(INTERNAL_COMMANDS.action, async (action: unknown) => {
    if (!ready('Cluster Action', true)) return undefined;
    return send<ActionResponse>('Cluster Action', Methods.action, action as ClusterAction);
  });
  register(INTERNAL_COMMANDS.snapshot, async () =>
    ready('Cluster Snapshot', false) ? send<ClusterSnapshot>('Cluster Snapshot', Methods.snapshot, {}) : undefined,
  );
}

/** kubectl's lines (and the API server's warnings) in the output channel and the status bar; a refusal as an error notification. */
function report(client: LanguageClient, response: ApplyResponse): void {
  const warnings = response.results.flatMap((r) => r.warnings ?? []);
  // kubectl prints the API server's warnings before the result lines.
  for (const warning of warnings) client.outputChannel.appendLine(`Warning: ${warning}`);
  for (const result of response.results) client.outputChannel.appendLine(result.message);
  if (warnings.length > 0) void vscode.window.showWarningMessage(`Shipshape: ${warnings[0]}`);
  const rejected = response.results.filter((r) => r.outcome === 'rejected');
  if (rejected.length > 0) {
    const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more; see the "Shipshape" output)` : '';
    void vscode.window.showErrorMessage(`Shipshape: ${rejected[0].message}${more}`);
    return;
  }
  const summary =
    response.results.length === 1 ? response.results[0].message : `${response.results.length} objects: ${response.results.map((r) => r.outcome).join(', ')}`;
  vscode.window.setStatusBarMessage(`Shipshape: ${summary}`, 5000);
}
