import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../sim/cluster';
import type { ObjectValidator } from '../sim/store/validation';
import { MAX_BODY_BYTES } from './body';
import type { ApiResponse, Identity, RequestContext, WatchStream } from './context';
import { handle } from './handler';
import type { OpenApiSource } from './context';
import { PublishedOpenApi } from './openapi';
import { ADMIN } from './reviews';
import { ApiFailure } from './status';
import { selfSignedCertificate } from './tls';
import { WatchHub } from './watch';

/** The Kubernetes API of a simulated cluster over HTTPS, on the loopback interface, with a bearer token. */

export interface ApiServerOptions {
  /** The cluster to serve; asked on every request (a host may replace its cluster on reset). */
  cluster: () => Cluster;
  validator?: ObjectValidator;
  /** The bearer token clients must send; a random one by default. */
  token?: string;
  /** Problems worth a line in the host's log (never request bodies). */
  log?: (line: string) => void;
}

const HOST = '127.0.0.1';
/** Beyond this, an oversized body is not even read: the connection is dropped. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

export class KubeApiServer {
  readonly token: string;
  /** PEM certificate of the server (the kubeconfig's certificate authority). */
  readonly certificate: string;
  private readonly server: Server;
  private readonly openapi: OpenApiSource = new PublishedOpenApi();
  private attached: Cluster | undefined;
  private hub: WatchHub | undefined;
  private streams = new Set<() => void>();
  private address: AddressInfo | undefined;

  constructor(private readonly options: ApiServerOptions) {
    this.token = options.token ?? randomBytes(32).toString('base64url');
    const tls = selfSignedCertificate();
    this.certificate = tls.cert;
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => this.onRequest(req, res));
    this.server.on('clientError', (_err, socket) => socket.destroy());
    this.server.on('tlsClientError', () => undefined);
  }

  /** Listens on 127.0.0.1 (port 0: a free port). Resolves with the server URL. */
  listen(port = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => {
        this.server.off('error', reject);
        this.address = this.server.address() as AddressInfo;
        resolve(this.url);
      });
    });
  }

  get url(): string {
    if (!this.address) throw new Error('the API server is not listening');
    return `https://${HOST}:${this.address.port}`;
  }

  get watchCount(): number {
    return this.hub?.size ?? 0;
  }

  /** Closes every watch and the listener. */
  close(): Promise<void> {
    for (const end of [...this.streams]) end();
    this.hub?.dispose();
    this.hub = undefined;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The hub of the current cluster; a replaced cluster ends the watches of the old one. */
  private currentHub(): { cluster: Cluster; hub: WatchHub } {
    const cluster = this.options.cluster();
    if (cluster !== this.attached || !this.hub) {
      const previous = this.attached?.store.resourceVersion ?? 0;
      for (const end of [...this.streams]) end();
      this.hub?.dispose();
      // resourceVersions stay monotonic across a reset, so clients never see time go backwards.
      if (cluster.store.resourceVersion < previous) cluster.store.resourceVersion = previous;
      this.attached = cluster;
      this.hub = new WatchHub(cluster);
    }
    return { cluster, hub: this.hub };
  }

  /** Attaches to a replaced cluster now rather than at the next request. */
  refresh(): void {
    this.currentHub();
  }

  private identify(req: IncomingMessage): Identity | undefined {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${this.token}`) return undefined;
    const as = req.headers['impersonate-user'];
    if (typeof as !== 'string' || !as) return ADMIN;
    const groups = req.headers['impersonate-group'];
    const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(',').map((g) => g.trim()) : [];
    return { user: as, groups: [...list, 'system:authenticated'] };
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const identity = this.identify(req);
    if (!identity) {
      this.sendFailure(res, new ApiFailure(401, 'Unauthorized', 'Unauthorized'));
      req.resume();
      return;
    }
    // An oversized body is read and dropped (so the client sees the 413), up to a hard cap.
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) refused = true;
      if (refused) {
        chunks.length = 0;
        if (size > DISCARD_LIMIT_BYTES) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) this.sendFailure(res, tooLarge());
      else this.dispatch(req, res, identity, chunks.length > 0 ? Buffer.concat(chunks) : undefined);
    });
    req.on('error', () => undefined);
  }

  private dispatch(req: IncomingMessage, res: ServerResponse, identity: Identity, body: Buffer | undefined): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { cluster, hub } = this.currentHub();
    const ctx: RequestContext = {
      cluster,
      hub,
      validator: this.options.validator,
      openapi: this.openapi,
      method: (req.method ?? 'GET').toUpperCase(),
      query: url.searchParams,
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      body,
      identity,
      userAgent: req.headers['user-agent'],
      warnings: [],
    };
    let response: ApiResponse;
    try {
      response = handle(ctx, url.pathname, `${HOST}:${this.address?.port ?? 0}`);
    } catch (err) {
      if (err instanceof ApiFailure) this.sendFailure(res, err);
      else {
        this.options.log?.(`API server: ${ctx.method} ${url.pathname} failed: ${(err as Error).stack ?? String(err)}`);
        this.sendFailure(res, new ApiFailure(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`));
      }
      return;
    }
    const headers: Record<string, string | string[]> = {};
    if (ctx.warnings.length > 0) headers.Warning = ctx.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    switch (response.kind) {
      case 'json':
        send(res, response.code, 'application/json', JSON.stringify(response.body), headers);
        return;
      case 'text':
        send(res, response.code, response.contentType, response.text, headers);
        return;
      case 'watch':
        this.stream(res, response.start, headers);
        return;
    }
  }

  private stream(res: ServerResponse, start: (stream: WatchStream) => void, headers: Record<string, string | string[]>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    // Each event is written as it happens: no coalescing delay on the socket.
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    const listeners: (() => void)[] = [];
    let open = true;
    const end = (): void => {
      if (!open) return;
      open = false;
      this.streams.delete(end);
      for (const l of listeners) l();
      res.end();
    };
    this.streams.add(end);
    res.on('close', end);
    const stream: WatchStream = {
      event: (type, object) => {
        if (open) res.write(`${JSON.stringify({ type, object })}\n`);
      },
      line: (text) => {
        if (open) res.write(text);
      },
      end,
      onClose: (listener) => listeners.push(listener),
    };
    start(stream);
  }

  private sendFailure(res: ServerResponse, failure: ApiFailure): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    send(res, failure.code, 'application/json', JSON.stringify(failure.toStatus()), {});
  }
}

function tooLarge(): ApiFailure {
  return new ApiFailure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

function send(res: ServerResponse, code: number, contentType: string, text: string, headers: Record<string, string | string[]>): void {
  res.writeHead(code, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
