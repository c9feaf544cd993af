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

/** Commands the code lenses run (not in the palette). */
export const LENS_ONLY_COMMANDS = {
  /** Shows the "Shipshape" output, where a refused apply's whole message is. */
  showOutput: 'shipshape.showOutput',
  /** `[uri, version, edits]`: writes the cluster's values into the manifest (edits in LSP form). */
  useClusterValues: 'shipshape.useClusterValues',
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
  register(LENS_ONLY_COMMANDS.showOutput, () => client.outputChannel.show(true));
  register(LENS_ONLY_COMMANDS.useClusterValues, (uri: unknown, version: unknown, edits: unknown) => useClusterValues(client, uri, version, edits));
  register(INTERNAL_COMMANDS.action, async (action: unknown) => {
    if (!ready('Cluster Action', true)) return undefined;
    return send<ActionResponse>('Cluster Action', Methods.action, action as ClusterAction);
  });
  register(INTERNAL_COMMANDS.snapshot, async () =>
    ready('Cluster Snapshot', false) ? send<ClusterSnapshot>('Cluster Snapshot', Methods.snapshot, {}) : undefined,
  );
}

/**
 * kubectl's lines (`configmap/app-config created`, `deployment.apps/web configured`), after the API
 * server's warnings as kubectl prints them, in the output channel, the status bar and the panel's status
 * line; a refusal also as an error notification.
 */
function report(client: LanguageClient, response: ApplyResponse): void {
  const warnings = response.results.flatMap((r) => r.warnings ?? []);
  for (const warning of warnings) client.outputChannel.appendLine(`Warning: ${warning}`);
  if (warnings.length > 0) void vscode.window.showWarningMessage(`Shipshape: ${warnings[0]}`);
  const lines = response.results.map((r) => r.message);
  for (const line of lines) client.outputChannel.appendLine(line);
  const rejected = response.results.filter((r) => r.outcome === 'rejected');
  ClusterPanel.notify(rejected.length > 0 ? 'error' : 'info', lines.join('\n'));
  if (rejected.length > 0) {
    const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more; see the "Shipshape" output)` : '';
    void vscode.window.showErrorMessage(`Shipshape: ${rejected[0].message}${more}`);
    return;
  }
  vscode.window.setStatusBarMessage(`Shipshape: ${lines.join(', ')}`, 5000);
}

interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

function isTextEditList(value: unknown): value is LspTextEdit[] {
  return (
    Array.isArray(value) &&
    value.every((e) => {
      const edit = e as Partial<LspTextEdit> | null;
      return typeof edit === 'object' && edit !== null && typeof edit.newText === 'string' && typeof edit.range?.start?.line === 'number';
    })
  );
}

/** Writes the live values into the manifest, if the document is still the version the lens was computed for. */
async function useClusterValues(client: LanguageClient, uri: unknown, version: unknown, edits: unknown): Promise<boolean> {
  if (typeof uri !== 'string' || !isTextEditList(edits)) return false;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!document || (typeof version === 'number' && document.version !== version)) {
    void vscode.window.showInformationMessage('Shipshape: the file changed since the lens was shown; try again.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, await client.protocol2CodeConverter.asTextEdits(edits));
  return vscode.workspace.applyEdit(edit);
}
