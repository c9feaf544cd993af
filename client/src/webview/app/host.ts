/// <reference lib="dom" />
/**
 * The webview's connection to the extension host: `acquireVsCodeApi`, typed posting, requests with
 * ids answered by the host, and the persisted UI state.
 */
import type { HostToWebview, WebviewToHost } from '../../panel/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Reply = Extract<HostToWebview, { id: number }>;
type Request = WebviewToHost extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

const HOST_TYPES = new Set<HostToWebview['type']>(['snapshot', 'delta', 'unavailable', 'notice', 'result', 'canIResult', 'describeResult', 'revealResult']);

export class Host {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  /** Listens to the host; `onPush` gets every message that is not the answer to a request. */
  constructor(onPush: (message: HostToWebview) => void) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isHostMessage(message)) return;
      if ('id' in message && typeof message.id === 'number') {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (resolve) resolve(message);
        return;
      }
      onPush(message);
    });
  }

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  /** Sends a request and resolves with the host's answer. */
  request<T extends Reply['type']>(message: Request): Promise<Extract<Reply, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (reply: Reply) => void);
      this.api.postMessage({ ...message, id });
    });
  }

  log(level: 'info' | 'error', message: string): void {
    this.post({ type: 'log', level, message });
  }

  getState<T>(): T | undefined {
    return (this.api.getState() as T | undefined) ?? undefined;
  }

  setState<T>(state: T): void {
    this.api.setState(state);
  }
}

function isHostMessage(value: unknown): value is HostToWebview {
  return typeof value === 'object' && value !== null && HOST_TYPES.has((value as { type?: unknown }).type as HostToWebview['type']);
}
