/**
 * The extension-host half of the cluster panel, without VS Code: it validates webview messages,
 * turns them into `shipshape/cluster/*` requests, and relays snapshots and deltas to the webview.
 * clusterPanel.ts connects it to a WebviewPanel and the language client.
 */
import {
  Methods,
  type ActionResponse,
  type CanIResponse,
  type ClusterDelta,
  type ClusterSnapshot,
  type DescribeResponse,
  type ObjectRef,
} from '../../../server/src/lsp/protocol';
import type { HostToWebview, WebviewToHost } from './messages';
import { WebviewLogLimiter, type PanelLog } from './logLimiter';

export type { PanelLog } from './logLimiter';
import { parseWebviewMessage } from './validateMessage';

/** Sends requests to the language server. */
export interface ClusterConnection {
  request<Result>(method: string, params: unknown): Promise<Result>;
}

export interface RevealOutcome {
  found?: ObjectRef;
  location?: string;
  message: string;
}

/** Opens the manifest that defines an object in an editor. */
export interface ManifestRevealer {
  reveal(refs: ObjectRef[]): Promise<RevealOutcome>;
}

/** A notice older than this (wall ms) is not shown to a panel that opens later. */
export const NOTICE_KEEP_MS = 15_000;

export interface PanelNotice {
  tone: 'info' | 'error';
  message: string;
  /** Date.now() when it happened. */
  at: number;
}

/** JSON-RPC's MethodNotFound: the server does not implement the request (yet). */
const METHOD_NOT_FOUND = -32601;

export function requestErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === METHOD_NOT_FOUND) {
    return 'this version of the Shipshape language server does not support the simulated cluster';
  }
  return error instanceof Error ? error.message : String(error);
}

export class PanelController {
  /** The webview has said `ready` and is showing: deltas go to it. */
  private attached = false;
  /** Deltas that arrive while a snapshot is on its way; sent right after it. */
  private buffered: ClusterDelta[] | undefined;
  private snapshotGeneration = 0;
  /** Lines the webview causes (its `log` messages, rejected messages): bounded in size and rate. */
  private readonly webviewLog: WebviewLogLimiter;
  private notice: PanelNotice | undefined;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly post: (message: HostToWebview) => void,
    private readonly revealer: ManifestRevealer,
    private readonly log: PanelLog,
    now: () => number = Date.now,
  ) {
    this.webviewLog = new WebviewLogLimiter(log, now);
  }

  /** Handles one raw message from the webview. Malformed messages are logged and dropped. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.webviewLog.error(`Cluster panel: rejected a message from the webview: ${parsed.error}`);
      return;
    }
    try {
      await this.handle(parsed.value);
    } catch (error) {
      this.log.error(`Cluster panel: handling "${parsed.value.type}" failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** A `shipshape/cluster/changed` notification from the server. */
  onDelta(delta: ClusterDelta): void {
    if (!this.attached) return;
    if (this.buffered) this.buffered.push(delta);
    else this.post({ type: 'delta', delta });
  }

  /** An apply's outcome for the status line; a panel that is not showing yet gets it when it is (if recent). */
  notify(notice: PanelNotice): void {
    this.notice = notice;
    if (this.attached) this.post({ type: 'notice', tone: notice.tone, message: notice.message });
  }

  /** The webview was hidden or closed: it reloads and says `ready` again when it is shown. */
  detach(): void {
    this.attached = false;
    this.buffered = undefined;
    this.snapshotGeneration++;
  }

  /** Sends a fresh snapshot (after a server restart, for example) if the webview is showing. */
  async resync(): Promise<void> {
    if (this.attached) await this.sendSnapshot(() => this.connection.request<ClusterSnapshot>(Methods.snapshot, {}));
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.attached = true;
        await this.sendSnapshot(() => this.connection.request<ClusterSnapshot>(Methods.snapshot, {}));
        if (this.attached && this.notice && Date.now() - this.notice.at < NOTICE_KEEP_MS) {
          this.post({ type: 'notice', tone: this.notice.tone, message: this.notice.message });
        }
        return;
      case 'action': {
        const response = await this.attempt(() => this.connection.request<ActionResponse>(Methods.action, message.action));
        this.post({ type: 'result', id: message.id, ok: response.ok && response.value.ok, message: response.ok ? response.value.message : response.error });
        return;
      }
      case 'reset': {
        const sent = await this.sendSnapshot(() => this.connection.request<ClusterSnapshot>(Methods.reset, {}), false);
        this.post({ type: 'result', id: message.id, ok: sent.ok, message: sent.ok ? 'The cluster was reset.' : sent.error });
        return;
      }
      case 'canI': {
        const response = await this.attempt(() => this.connection.request<CanIResponse>(Methods.canI, message.params));
        this.post(
          response.ok
            ? { type: 'canIResult', id: message.id, ok: true, response: response.value }
            : { type: 'canIResult', id: message.id, ok: false, message: response.error },
        );
        return;
      }
      case 'describe': {
        const params = message.revealSecrets ? { ...message.ref, revealSecrets: true } : message.ref;
        const response = await this.attempt(() => this.connection.request<DescribeResponse>(Methods.describe, params));
        const base = { type: 'describeResult' as const, id: message.id, ref: message.ref };
        this.post(response.ok ? { ...base, ok: true, response: response.value } : { ...base, ok: false, message: response.error });
        return;
      }
      case 'reveal': {
        const outcome = await this.revealer.reveal(message.refs);
        this.post({ type: 'revealResult', id: message.id, ...outcome });
        return;
      }
      case 'log':
        if (message.level === 'error') this.webviewLog.error(`Cluster panel: ${message.message}`);
        else this.webviewLog.info(`Cluster panel: ${message.message}`);
        return;
    }
  }

  /**
   * Requests a snapshot and posts it, then the deltas that arrived meanwhile (the webview ignores
   * the parts of them the snapshot already contains). A newer request supersedes an older one.
   */
  private async sendSnapshot(request: () => Promise<ClusterSnapshot>, failureMeansUnavailable = true): Promise<{ ok: true } | { ok: false; error: string }> {
    const generation = ++this.snapshotGeneration;
    this.buffered = [];
    const response = await this.attempt(request);
    if (generation !== this.snapshotGeneration) return response.ok ? { ok: true } : response;
    const pending = this.buffered ?? [];
    this.buffered = undefined;
    if (!response.ok) {
      if (failureMeansUnavailable) this.post({ type: 'unavailable', reason: `The simulated cluster is not available: ${response.error}.` });
      else for (const delta of pending) this.post({ type: 'delta', delta });
      return response;
    }
    if (this.attached) {
      this.post({ type: 'snapshot', snapshot: response.value });
      for (const delta of pending) this.post({ type: 'delta', delta });
    }
    return { ok: true };
  }

  private async attempt<T>(request: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    try {
      return { ok: true, value: await request() };
    } catch (error) {
      const message = requestErrorMessage(error);
      this.log.error(`Cluster panel: request failed: ${message}`);
      return { ok: false, error: message };
    }
  }
}
