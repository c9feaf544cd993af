import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

/** A minimal LSP client over stdio for benchmarks: one server process, diagnostics awaited by event. */
export class StdioLspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private listeners: ((p: PublishedDiagnostics) => void)[] = [];
  /** The answer to workspace/configuration: one value for every section, or a function of the section. */
  configuration: unknown = {};

  constructor(command: string, args: string[], cwd?: string) {
    this.process = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.resume();
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      for (const l of [...this.listeners]) l(p);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) =>
        typeof this.configuration === 'function' ? (this.configuration as (section?: string) => unknown)(item.section) : this.configuration,
      ),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async initialize(rootUri: string | null, initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves on the next diagnostics for `uri` accepted by `accept`. */
  nextDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => {
      const listener = (p: PublishedDiagnostics): void => {
        if (p.uri !== uri || !accept(p)) return;
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(p);
      };
      this.listeners.push(listener);
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change (what editors send to servers that declare incremental sync). */
  changeRange(
    uri: string,
    version: number,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resident set size of the server process in MB (Linux). */
  rssMb(): number {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    await Promise.race([this.connection.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    this.connection.dispose();
    this.process.kill('SIGKILL');
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
