import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Methods, type ClusterDelta } from '../../../server/src/lsp/protocol';
import { WorkspaceManifestRevealer } from './manifestRevealer';
import { CLUSTER_PANEL_VIEW_TYPE, type HostToWebview } from './messages';
import { PanelController, type ClusterConnection, type PanelLog, type PanelNotice } from './panelController';
import { createNonce, panelHtml, STYLESHEETS } from './panelHtml';

const TITLE = 'Simulated Cluster';
const MEDIA = 'media';

/**
 * The cluster panel: a webview beside the editor showing the simulated cluster live. There is at
 * most one; `show` creates or reveals it. After a window reload VS Code restores it through the
 * serializer that `registerClusterPanel` installs.
 */
export class ClusterPanel {
  private static current: ClusterPanel | undefined;
  /** The latest apply outcome, for a panel that opens right after it. */
  private static lastNotice: PanelNotice | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly controller: PanelController;

  /** Shows an apply's outcome in the panel's status line (now, or when the panel opens soon after). */
  static notify(tone: PanelNotice['tone'], message: string): void {
    ClusterPanel.lastNotice = { tone, message, at: Date.now() };
    ClusterPanel.current?.controller.notify(ClusterPanel.lastNotice);
  }

  /** Creates the panel beside the active editor, or reveals it. Keeps the focus in the editor. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, options: { preserveFocus?: boolean } = {}): ClusterPanel {
    const preserveFocus = options.preserveFocus ?? true;
    if (ClusterPanel.current) {
      ClusterPanel.current.panel.reveal(undefined, preserveFocus);
      return ClusterPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      CLUSTER_PANEL_VIEW_TYPE,
      TITLE,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(context),
    );
    ClusterPanel.current = new ClusterPanel(panel, context, client);
    return ClusterPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    client: LanguageClient,
  ) {
    const log = panelLog(client);
    const revealer = new WorkspaceManifestRevealer(() => this.panel.viewColumn);
    this.controller = new PanelController(trustedConnection(client), (message) => this.post(message), revealer, log);
    if (ClusterPanel.lastNotice) this.controller.notify(ClusterPanel.lastNotice);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, MEDIA, 'cluster.svg');
    panel.webview.html = pageFor(panel.webview, context);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.controller.receive(message)),
      // Without retainContextWhenHidden the webview reloads when shown again and asks for a new snapshot.
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.controller.detach();
      }),
      onClusterChanged(client, (delta) => this.controller.onDelta(delta)),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) void this.controller.resync();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.controller.resync()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private dispose(): void {
    if (ClusterPanel.current === this) ClusterPanel.current = undefined;
    this.controller.detach();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** Restores the panel after a window reload. */
  static restore(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient): void {
    ClusterPanel.current?.panel.dispose();
    panel.webview.options = webviewOptions(context);
    ClusterPanel.current = new ClusterPanel(panel, context, client);
  }
}

/**
 * Registers the serializer that brings the panel back after a window reload (the activation event
 * `onWebviewPanel:shipshape.cluster` starts the extension for it). Call once from `activate`.
 */
export function registerClusterPanel(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CLUSTER_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        ClusterPanel.restore(panel, context, client);
      },
    }),
  );
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, MEDIA)] };
}

function pageFor(webview: vscode.Webview, context: vscode.ExtensionContext): string {
  const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, MEDIA, file)).toString();
  return panelHtml({ cspSource: webview.cspSource, scriptUri: media('panel.js'), styleUris: STYLESHEETS.map(media), nonce: createNonce() });
}

/** In an untrusted workspace the server runs no cluster; say so without asking it. */
function trustedConnection(client: LanguageClient): ClusterConnection {
  return {
    request: <Result>(method: string, params: unknown): Promise<Result> =>
      vscode.workspace.isTrusted ? client.sendRequest<Result>(method, params) : Promise.reject(new Error('the workspace is not trusted')),
  };
}

function panelLog(client: LanguageClient): PanelLog {
  return {
    info: (message) => client.outputChannel.appendLine(message),
    error: (message) => client.outputChannel.appendLine(`[error] ${message}`),
  };
}

type DeltaListener = (delta: ClusterDelta) => void;
const deltaListeners = new WeakMap<LanguageClient, Set<DeltaListener>>();

/**
 * Subscribes to `shipshape/cluster/changed`. The language client keeps one handler per method, so
 * this registers it once per client and fans the deltas out to every listener.
 */
export function onClusterChanged(client: LanguageClient, listener: DeltaListener): vscode.Disposable {
  let listeners = deltaListeners.get(client);
  if (!listeners) {
    const created = new Set<DeltaListener>();
    listeners = created;
    deltaListeners.set(client, created);
    client.onNotification(Methods.changed, (delta: ClusterDelta) => {
      for (const notify of [...created]) notify(delta);
    });
  }
  const set = listeners;
  set.add(listener);
  return new vscode.Disposable(() => set.delete(listener));
}
