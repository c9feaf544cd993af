import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { Methods, type ApplyResponse, type ClusterSnapshot, type ShipshapeInitializationOptions } from '../../server/src/lsp/protocol';

/** The compiled server entry point (tsc output next to the compiled tests). */
export const SERVER_MAIN = join(__dirname, '..', '..', 'server', 'src', 'lsp', 'main.js');

/**
 * A real language server process over stdio, as an editor starts it: for tests that kill it (kill -9),
 * run two at once on one storage folder, or need a process of their own.
 */
export class ServerProcess {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly logs: { type: number; message: string }[] = [];
  readonly shown: { type: number; message: string }[] = [];
  readonly exited: Promise<void>;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(main = SERVER_MAIN) {
    this.process = spawn(process.execPath, [main, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.resume();
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    const notify = (): void => {
      for (const w of [...this.waiters]) {
        if (!w.test()) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      notify();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.shown.push(p);
      notify();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    // A killed server's pipe closes under pending writes; the test observes the kill itself.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Resolves when `test` holds, checked after every log or shown message. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  async initialize(initializationOptions: ShipshapeInitializationOptions | Record<string, unknown>): Promise<void> {
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {}, initializationOptions });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  apply(uri: string, documentIndex?: number): Promise<ApplyResponse> {
    return this.connection.sendRequest(Methods.apply, { uri, documentIndex });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  snapshot(): Promise<ClusterSnapshot> {
    return this.connection.sendRequest(Methods.snapshot, {});
  }

  /** kill -9: no shutdown, no exit handlers. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
    this.connection.dispose();
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    await this.exited;
    this.connection.dispose();
  }
}

/** `count` ConfigMaps `<prefix>-0…`, one YAML document each. */
export function configMaps(count: number, prefix = 'cm'): string {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${prefix}-${i}\ndata:\n  index: "${i}"\n`).join('---\n');
}
