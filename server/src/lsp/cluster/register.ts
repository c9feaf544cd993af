/**
 * Binds the simulated cluster to LSP: the `shipshape/cluster/*` requests of protocol.ts, the
 * `shipshape/cluster/changed` and `applyFailed` notifications, and the Apply/Delete/status code lenses.
 * server.ts calls `registerCluster` once and merges `initialize(params)` into its capabilities.
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type InitializeParams,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Resource } from '../../core/model/resource';
import type { FileState, LanguageService } from '../../core/service/languageService';
import { isClusterScoped } from '../../sim/store/keys';
import { Methods, type ApplyOutcome, type ApplyParams, type ApplyResponse, type ObjectRef, type ShipshapeInitializationOptions } from '../protocol';
import { refusalMessage } from './applyRefusal';
import { ClusterHost } from './clusterHost';
import { clusterLenses, documentStatus } from './lenses';
import { LensRefresher } from './lensRefresher';
import { manifestFile, TargetError, targetResources } from './manifestTargets';
import { ParamsError, parseAction, parseApplyParams, parseCanI, parseDescribeParams } from './params';

export const UNTRUSTED_MESSAGE = 'The simulated cluster is disabled because this workspace is not trusted. Trust the workspace to apply manifests.';

export interface ClusterBinding {
  /** Reads the initialization options, starts (or restores) the cluster; returns the capabilities to announce. */
  initialize(params: InitializeParams): ServerCapabilities;
}

/** Group of kinds that are tooling configuration, not cluster objects. */
const NOT_CLUSTER_OBJECTS = /^kustomize\.config\.k8s\.io\//;

export function registerCluster(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): ClusterBinding {
  let host: ClusterHost | undefined;
  let refreshSupported = false;

  const appliable = (state: FileState | undefined): Resource[] =>
    !state || state.role.helmTemplate || state.role.kustomizePatch ? [] : state.resources.filter((r) => !NOT_CLUSTER_OBJECTS.test(r.apiVersion));

  const refresher = new LensRefresher(
    () => {
      if (!host) return '';
      const cluster = host.current;
      return documents
        .all()
        .map(
          (doc) =>
            `${doc.uri}\n${appliable(service.get(doc.uri))
              .map((r) => documentStatus(cluster, r) ?? '-')
              .join('\n')}`,
        )
        .join('\n');
    },
    () => {
      if (refreshSupported) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  );

  /** Why there is no cluster: an untrusted workspace, or a failure to start it. */
  let unavailable = UNTRUSTED_MESSAGE;
  const requireHost = (): ClusterHost => {
    if (!host) throw new ResponseError(LSPErrorCodes.RequestFailed, unavailable);
    return host;
  };

  /** Runs a request handler: malformed params and unknown targets become InvalidParams errors. */
  const handle =
    <R>(name: string, run: (raw: unknown) => R | Promise<R>) =>
    async (raw: unknown): Promise<R> => {
      try {
        return await run(raw);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        if (err instanceof ParamsError || err instanceof TargetError) throw new ResponseError(ErrorCodes.InvalidParams, `${name}: ${err.message}`);
        connection.console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
        throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(err as Error).message}`);
      }
    };

  const resolve = async (params: ApplyParams): Promise<Resource[]> => {
    const state = await manifestFile(service, params.uri);
    if (state.role.helmTemplate) throw new TargetError(`${params.uri} is a Helm template; render it (helm template) and apply the output`);
    if (state.role.kustomizePatch) throw new TargetError(`${params.uri} is a Kustomize patch, not a complete object`);
    const { resources } = targetResources({ ...state, resources: appliable(state) }, params);
    return resources;
  };

  const refOf = (r: Resource): ObjectRef => {
    const ref: ObjectRef = { kind: r.kind, name: r.name ?? '' };
    if (!isClusterScoped(r.kind)) ref.namespace = r.namespace ?? 'default';
    return ref;
  };

  const applyFailed = (response: ApplyResponse): ApplyResponse => {
    if (!response.ok) void connection.sendNotification(Methods.applyFailed, response);
    return response;
  };

  connection.onRequest(
    Methods.apply,
    handle('apply', async (raw): Promise<ApplyResponse> => {
      const cluster = requireHost();
      const resources = await resolve(parseApplyParams(raw));
      const diagnostics = service.diagnostics(resources[0].uri);
      // Like kubectl's client-side validation: one invalid document refuses the whole request.
      const refused: ApplyOutcome[] = [];
      for (const r of resources) {
        const message = refusalMessage(r, diagnostics);
        if (message) refused.push({ ref: refOf(r), outcome: 'rejected', message });
      }
      if (refused.length > 0) return applyFailed({ ok: false, results: refused });
      const results = cluster.apply(resources.map((r) => r.object)).map((result, i): ApplyOutcome => ({
        ref: refOf(resources[i]),
        outcome: result.ok ? (result.action ?? 'configured') : 'rejected',
        message: result.message,
        ...(result.warnings ? { warnings: result.warnings } : {}),
      }));
      refresher.schedule();
      return applyFailed({ ok: results.every((r) => r.outcome !== 'rejected'), results });
    }),
  );

  connection.onRequest(
    Methods.delete,
    handle('delete', async (raw): Promise<ApplyResponse> => {
      const cluster = requireHost();
      const resources = await resolve(parseApplyParams(raw));
      // A file is deleted bottom-up, so objects go before the namespace that holds them.
      const results = [...resources].reverse().map((r): ApplyOutcome => {
        const ref = refOf(r);
        if (!r.name) return { ref, outcome: 'rejected', message: 'error: resource name may not be empty' };
        const result = cluster.delete(ref);
        return { ref, outcome: result.ok ? 'deleted' : 'rejected', message: result.message };
      });
      refresher.schedule();
      return { ok: results.every((r) => r.outcome === 'deleted'), results };
    }),
  );

  connection.onRequest(
    Methods.reset,
    handle('reset', () => requireHost().reset()),
  );
  connection.onRequest(
    Methods.snapshot,
    handle('snapshot', () => requireHost().snapshot()),
  );
  connection.onRequest(
    Methods.action,
    handle('action', (raw) => {
      const cluster = requireHost();
      const response = cluster.action(parseAction(raw));
      refresher.schedule();
      return response;
    }),
  );
  connection.onRequest(
    Methods.canI,
    handle('canI', (raw) => requireHost().canI(parseCanI(raw))),
  );
  connection.onRequest(
    Methods.describe,
    handle('describe', (raw) => requireHost().describe(parseDescribeParams(raw))),
  );

  connection.onCodeLens((params) => {
    if (!host) return [];
    try {
      return clusterLenses(params.textDocument.uri, appliable(service.get(params.textDocument.uri)), host.current);
    } catch (err) {
      connection.console.error(`codeLens failed: ${(err as Error).stack ?? String(err)}`);
      return [];
    }
  });

  // The state is saved on shutdown, and synchronously if the process exits without one.
  const stop = (): void => {
    process.off('exit', stop);
    refresher.dispose();
    host?.dispose();
    host = undefined;
  };
  connection.onShutdown(stop);
  process.on('exit', stop);

  return {
    initialize(params) {
      const options = (params.initializationOptions ?? {}) as ShipshapeInitializationOptions;
      refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      if (options.clusterEnabled === false) return { codeLensProvider: { resolveProvider: false } };
      try {
        host = new ClusterHost({
          storageDir: typeof options.clusterStoragePath === 'string' && options.clusterStoragePath ? options.clusterStoragePath : undefined,
          sendDelta: (delta) => void connection.sendNotification(Methods.changed, delta),
          onChange: () => refresher.schedule(),
          log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m), error: (m) => connection.console.error(m) },
        });
      } catch (err) {
        // Validation and editor features keep working without a cluster.
        unavailable = `The simulated cluster failed to start: ${(err as Error).message}`;
        connection.console.error(`${unavailable}\n${(err as Error).stack ?? ''}`);
      }
      return { codeLensProvider: { resolveProvider: false } };
    },
  };
}
