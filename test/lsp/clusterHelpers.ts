import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, InitializeResult } from 'vscode-languageserver-protocol';
import type {
  ActionResponse,
  ApplyParams,
  ApplyResponse,
  CanIParams,
  CanIResponse,
  ClusterAction,
  ClusterDelta,
  ClusterSnapshot,
  DescribeResponse,
  KubeObject,
  ObjectRef,
  ShipshapeInitializationOptions,
} from '../../server/src/lsp/protocol';
import { Methods } from '../../server/src/lsp/protocol';
import { LspHarness } from './harness';
import { after, before } from 'node:test';

export const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

export function example(relativePath: string): string {
  return readFileSync(join(EXAMPLES, relativePath), 'utf8');
}

export function tempStorage(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-cluster-'));
}

/** An in-process language server with its simulated cluster, and a client that records notifications. */
export class ClusterClient {
  readonly lsp = new LspHarness();
  readonly deltas: ClusterDelta[] = [];
  readonly applyFailures: ApplyResponse[] = [];
  readonly logs: { type: number; message: string }[] = [];
  lensRefreshes = 0;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor() {
    const notify = (): void => {
      for (const w of [...this.waiters]) {
        if (!w.test()) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    this.lsp.client.onNotification(Methods.changed, (delta: ClusterDelta) => {
      this.deltas.push(delta);
      notify();
    });
    this.lsp.client.onNotification(Methods.applyFailed, (response: ApplyResponse) => {
      this.applyFailures.push(response);
      notify();
    });
    this.lsp.client.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      notify();
    });
    this.lsp.client.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      notify();
      return null;
    });
  }

  /** Initializes like VS Code would (code lens refresh support); pauses the clock unless `running`. */
  async start(
    options: ShipshapeInitializationOptions = {},
    running = false,
    workspace: { rootUri?: string; workDoneProgress?: boolean } = {},
  ): Promise<InitializeResult> {
    const result = await this.lsp.client.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri: workspace.rootUri ?? null,
      workspaceFolders: workspace.rootUri ? [{ uri: workspace.rootUri, name: 'ws' }] : null,
      initializationOptions: options,
      capabilities: {
        workspace: { configuration: true, codeLens: { refreshSupport: true } },
        ...(workspace.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
      },
    });
    await this.lsp.client.sendNotification('initialized', {});
    if (!running && options.clusterEnabled !== false) await this.action({ type: 'pause' });
    return result;
  }

  /** Resolves when `test` holds, checked after every notification or refresh request. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.lsp.open(uri, text, version);
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.lsp.change(uri, text, version);
  }

  apply(uri: string, documentIndex?: number, position?: ApplyParams['position']): Promise<ApplyResponse> {
    return this.lsp.request(Methods.apply, { uri, documentIndex, position });
  }

  delete(uri: string, documentIndex?: number): Promise<ApplyResponse> {
    return this.lsp.request(Methods.delete, { uri, documentIndex });
  }

  reset(): Promise<ClusterSnapshot> {
    return this.lsp.request(Methods.reset, {});
  }

  snapshot(): Promise<ClusterSnapshot> {
    return this.lsp.request(Methods.snapshot, {});
  }

  action(action: ClusterAction): Promise<ActionResponse> {
    return this.lsp.request(Methods.action, action);
  }

  /** Advances the paused clock by `ms` of virtual time. */
  async step(ms: number): Promise<void> {
    const response = await this.action({ type: 'step', ms });
    if (!response.ok) throw new Error(response.message);
  }

  canI(params: CanIParams): Promise<CanIResponse> {
    return this.lsp.request(Methods.canI, params);
  }

  describe(ref: ObjectRef): Promise<DescribeResponse> {
    return this.lsp.request(Methods.describe, ref);
  }

  async lenses(uri: string): Promise<CodeLens[]> {
    return (await this.lsp.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
  }

  /** Lens titles by line: `{ 0: ['▶ Apply', 'Delete', '● 3/3 ready'] }`. */
  async lensTitles(uri: string): Promise<Record<number, string[]>> {
    const out: Record<number, string[]> = {};
    for (const lens of await this.lenses(uri)) (out[lens.range.start.line] ??= []).push(lens.command?.title ?? '');
    return out;
  }

  async find(kind: string, name: string, namespace?: string): Promise<KubeObject | undefined> {
    const { objects } = await this.snapshot();
    return objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  }

  async list(kind: string, namespace?: string): Promise<KubeObject[]> {
    const { objects } = await this.snapshot();
    return objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
  }

  dispose(): Promise<void> {
    return this.lsp.dispose();
  }
}

/** The shop example opened in the client: namespace, config and the api Deployment + Service. */
export const SHOP = {
  namespace: 'file:///ws/shop/namespace.yaml',
  config: 'file:///ws/shop/config.yaml',
  api: 'file:///ws/shop/api.yaml',
};

export async function openShop(client: ClusterClient): Promise<void> {
  await client.open(SHOP.namespace, example('shop/namespace.yaml'));
  await client.open(SHOP.config, example('shop/config.yaml'));
  await client.open(SHOP.api, example('shop/api.yaml'));
}

/** Applies namespace, config and api, then runs the clock until the api Deployment is ready. */
export async function applyShop(client: ClusterClient): Promise<void> {
  await openShop(client);
  for (const uri of [SHOP.namespace, SHOP.config, SHOP.api]) {
    const response = await client.apply(uri);
    if (!response.ok) throw new Error(JSON.stringify(response));
  }
  await client.step(30_000);
}

/**
 * Hooks for the enclosing suite: a started server with the shop example applied and settled, handed to
 * `use` before the tests run and disposed after them.
 */
export function withShopCluster(use: (client: ClusterClient) => void): void {
  let client: ClusterClient | undefined;
  before(async () => {
    client = new ClusterClient();
    await client.start();
    await applyShop(client);
    use(client);
  });
  after(() => client?.dispose());
}
