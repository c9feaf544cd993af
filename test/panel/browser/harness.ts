/**
 * The cluster panel outside VS Code, for looking at it and measuring it: the real webview bundle
 * (media/panel.js and the stylesheets) in headless chromium, the real extension-host controller
 * (PanelController) and the language server's ClusterHost behind it, joined by playwright instead of
 * VS Code's message passing. `acquireVsCodeApi` is a stub; the theme is VS Code's Dark Modern.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/ui/browser';
import type { HostToWebview } from '../../../client/src/panel/messages';
import { findManifest } from '../../../client/src/panel/manifestSearch';
import { PanelController, type ClusterConnection, type ManifestRevealer } from '../../../client/src/panel/panelController';
import { createNonce, panelHtml, STYLESHEETS } from '../../../client/src/panel/panelHtml';
import { ClusterHost } from '../../../server/src/lsp/cluster/clusterHost';
import { Methods, type CanIParams, type ClusterAction, type ObjectRef } from '../../../server/src/lsp/protocol';
import type { EngineOptions } from '../../../server/src/sim/simulation';
import { REPO } from '../fixtures';

const STUB = `(function () {
  var state = null;
  try { state = JSON.parse(sessionStorage.getItem('vscode-state') || 'null'); } catch (e) {}
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (m) { window.__toHost(m); },
      getState: function () { return state; },
      setState: function (s) { state = s; sessionStorage.setItem('vscode-state', JSON.stringify(s)); },
    };
  };
})();`;

export interface PanelHarness {
  page: Page;
  host: ClusterHost;
  /** Messages the controller posted to the webview, in order. */
  posted: HostToWebview[];
  /** Errors the controller logged (rejected messages, failed requests) and page errors. */
  errors: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  engine?: EngineOptions;
  /** Fills the cluster before the page loads. */
  setup?(host: ClusterHost): void;
  viewport?: { width: number; height: number };
  /** Saved webview state (view, namespace, selection…). */
  state?: unknown;
  chromium?: string;
}

/** Reveals manifests from the examples folder (it opens nothing: there is no editor). */
const examplesRevealer: ManifestRevealer = {
  async reveal(refs: ObjectRef[]) {
    const files = [
      'shop/api.yaml',
      'shop/ingress.yaml',
      'shop/autoscaling.yaml',
      'shop/config.yaml',
      'shop/namespace.yaml',
      'batch/jobs.yaml',
      'rbac/pod-reader.yaml',
      'database/postgres.yaml',
    ];
    for (const ref of refs) {
      for (const file of files) {
        const text = readFileSync(join(REPO, 'examples', file), 'utf8');
        const match = findManifest(text, ref);
        if (match) return { found: ref, location: `examples/${file}:${text.slice(0, match.start).split('\n').length}`, message: 'found' };
      }
    }
    return { message: `No manifest in the workspace defines ${refs[0].kind} ${refs[0].name}.` };
  },
};

function hostConnection(host: ClusterHost): ClusterConnection {
  return {
    async request<R>(method: string, params: unknown): Promise<R> {
      switch (method) {
        case Methods.snapshot:
          return host.snapshot() as R;
        case Methods.reset:
          return host.reset() as R;
        case Methods.action:
          return host.action(params as ClusterAction) as R;
        case Methods.canI:
          return host.canI(params as CanIParams) as R;
        case Methods.describe:
          return host.describe(params as ObjectRef) as R;
        default:
          throw Object.assign(new Error(`Unhandled method ${method}`), { code: -32601 });
      }
    },
  };
}

async function serve(page: (origin: string) => string): Promise<{ server: Server; origin: string }> {
  const files: Record<string, [string, string]> = {
    '/media/panel.js': [join(REPO, 'media', 'panel.js'), 'text/javascript'],
    ...Object.fromEntries(STYLESHEETS.map((file): [string, [string, string]] => [`/media/${file}`, [join(REPO, 'media', file), 'text/css']])),
    '/preview/theme.css': [join(REPO, 'test', 'panel', 'browser', 'theme-dark.css'), 'text/css'],
  };
  let origin = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(origin));
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/preview/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB);
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}

let browser: Browser | undefined;

export async function openPanel(options: HarnessOptions = {}): Promise<PanelHarness> {
  const posted: HostToWebview[] = [];
  const errors: string[] = [];
  // Filled in below; the host may send deltas before the page exists (they are dropped: not attached yet).
  const wiring: { page?: Page; controller?: PanelController } = {};
  const pending: HostToWebview[] = [];
  const deliver = (message: HostToWebview): void => {
    posted.push(message);
    if (!wiring.page) pending.push(message);
    else void wiring.page.evaluate((m) => window.postMessage(m, '*'), message as unknown).catch(() => undefined);
  };
  const host = new ClusterHost({
    sendDelta: (delta) => wiring.controller?.onDelta(delta),
    log: { info: () => undefined, warn: (m) => errors.push(m), error: (m) => errors.push(m) },
    engine: options.engine ?? { seed: 3 },
  });
  host.action({ type: 'pause' });
  options.setup?.(host);
  host.flush();
  const controller = new PanelController(hostConnection(host), deliver, examplesRevealer, { info: () => undefined, error: (m) => errors.push(m) });
  wiring.controller = controller;

  const nonce = createNonce();
  const { server, origin } = await serve((o) =>
    panelHtml({ cspSource: o, scriptUri: `${o}/media/panel.js`, styleUris: STYLESHEETS.map((file) => `${o}/media/${file}`), nonce })
      .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${o}/preview/theme.css">\n<link rel="stylesheet"`)
      .replace(`<script nonce="${nonce}"`, `<script nonce="${nonce}" src="${o}/preview/stub.js"></script>\n<script nonce="${nonce}"`),
  );
  browser ??= await launchBrowser(options.chromium ?? process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium', {});
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__toHost', (message: unknown) => controller.receive(message));
  if (options.state !== undefined) await page.addInitScript((state) => sessionStorage.setItem('vscode-state', JSON.stringify(state)), options.state);
  await page.goto(origin);
  wiring.page = page;
  for (const message of pending.splice(0)) await page.evaluate((m) => window.postMessage(m, '*'), message as unknown);
  return {
    page,
    host,
    posted,
    errors,
    async close() {
      await context.close();
      host.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
