/**
 * Every message between the cluster panel's webview and the extension host, in both directions.
 * The webview and the host both import these types; the host validates what the webview sends with
 * `parseWebviewMessage` (validateMessage.ts) before acting on it.
 *
 * Requests from the webview carry an `id`; the host answers each with exactly one message carrying
 * the same `id` (`result`, `canIResult`, `describeResult` or `revealResult`).
 */
import type { CanIParams, CanIResponse, ClusterAction, ClusterDelta, ClusterSnapshot, DescribeResponse, ObjectRef } from '../../../server/src/lsp/protocol';

/** Messages the webview sends to the extension host. */
export type WebviewToHost =
  /** The webview has loaded (again) and needs a full snapshot. */
  | { type: 'ready' }
  /** A panel action (`shipshape/cluster/action`): scale, rollout, node and fault operations, time controls. */
  | { type: 'action'; id: number; action: ClusterAction }
  /** `shipshape/cluster/reset`: a fresh cluster. */
  | { type: 'reset'; id: number }
  /** `shipshape/cluster/canI`. */
  | { type: 'canI'; id: number; params: CanIParams }
  /** `shipshape/cluster/describe`. */
  | { type: 'describe'; id: number; ref: ObjectRef; revealSecrets?: boolean }
  /**
   * Reveal the manifest of the first of `refs` found in the workspace. The webview lists the selected
   * object first, then its owners (a Pod, its ReplicaSet, then its Deployment).
   */
  | { type: 'reveal'; id: number; refs: ObjectRef[] }
  /** A problem inside the webview, written to the extension's log. */
  | { type: 'log'; level: 'info' | 'error'; message: string };

/** Messages the extension host sends to the webview. */
export type HostToWebview =
  | { type: 'snapshot'; snapshot: ClusterSnapshot }
  | { type: 'delta'; delta: ClusterDelta }
  /** The cluster cannot be shown (no server support, untrusted workspace, server stopped). */
  | { type: 'unavailable'; reason: string }
  /** Answer to `action` and `reset`. */
  | { type: 'result'; id: number; ok: boolean; message: string }
  | { type: 'canIResult'; id: number; ok: boolean; response?: CanIResponse; message?: string }
  | { type: 'describeResult'; id: number; ref: ObjectRef; ok: boolean; response?: DescribeResponse; message?: string }
  /** The outcome of an apply or delete run from the editor, for the status line (kubectl's lines, or the refusal). */
  | { type: 'notice'; tone: 'info' | 'error'; message: string }
  /** `found` is the object whose manifest was opened, `location` a short "file:line" for people. */
  | { type: 'revealResult'; id: number; found?: ObjectRef; location?: string; message: string };

export type WebviewMessageType = WebviewToHost['type'];
export type HostMessageType = HostToWebview['type'];

/** The view type of the cluster panel (also the key of its serializer). */
export const CLUSTER_PANEL_VIEW_TYPE = 'shipshape.cluster';
