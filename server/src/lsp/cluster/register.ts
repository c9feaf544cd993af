/**
 * Binds the simulated cluster to LSP: the `shipshape/cluster/*` requests of protocol.ts, the
 * `shipshape/cluster/changed` and `applyFailed` notifications, and the Apply/Delete/status code lenses.
 * server.ts calls `registerCluster` once and merges `initialize(params)` into its capabilities.
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type ServerCapabilities,
  type TextDocuments,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Resource } from '../../core/model/resource';
import type { FileState, LanguageService } from '../../core/service/languageService';
import { DEFAULT_SETTINGS } from '../../core/analysis/settings';
import { createDefaultEnvironment } from '../../core/service/defaultEnvironment';
import { createObjectValidator } from '../../core/service/objectValidator';
import { isClusterScoped } from '../../sim/store/keys';
import { Methods, type ApplyOutcome, type ApplyParams, type ApplyResponse, type ObjectRef, type ShipshapeInitializationOptions } from '../protocol';
import { ApiEndpoint } from './apiEndpoint';
import type { WorkspaceFiles } from '../fileAccess';
import {
  MAX_BYTES_PER_APPLY,
  MAX_OBJECT_BYTES,
  MAX_OBJECTS_PER_APPLY,
  measureObjects,
  countDocuments,
  OBJECT_TOO_LARGE_MESSAGE,
  tooManyBytesMessage,
  tooManyDocumentsMessage,
  tooManyObjectsMessage,
} from './applyBounds';
import { fileDiagnostics } from '../largeDocuments';
import { refusalMessages } from './applyRefusal';
import { ClusterHost, NotSavedError } from './clusterHost';
import { clusterLenses, documentStatus } from './lenses';
import { LensRefresher } from './lensRefresher';
import { RefusalMemory } from './refusals';
import { manifestFile, TargetError, targetResources } from './manifestTargets';
import { ParamsError, parseAction, parseApplyParams, parseCanI, parseDescribeParams } from './params';
import { runInSlices } from './slicedWork';

export const UNTRUSTED_MESSAGE = 'The simulated cluster is disabled because this workspace is not trusted. Trust the workspace to apply manifests.';

export interface ClusterBinding {
  /** Reads the initialization options, starts (or restores) the cluster; returns the capabilities to announce. */
  initialize(params: InitializeParams): ServerCapabilities;
}

/** Group of kinds that are tooling configuration, not cluster objects. */
const NOT_CLUSTER_OBJECTS = /^kustomize\.config\.k8s\.io\//;

export function registerCluster(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  files: WorkspaceFiles,
): ClusterBinding {
  let host: ClusterHost | undefined;
  let api: ApiEndpoint | undefined;
  let refreshSupported = false;
  const refusals = new RefusalMemory();
  documents.onDidClose((event) => refusals.forgetFile(event.document.uri));

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
              .map((r) => `${refusals.messageFor(r) ?? ''}|${documentStatus(cluster, r)?.title ?? '-'}`)
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
    <R>(name: string, run: (raw: unknown, token: CancellationToken) => R | Promise<R>) =>
    async (raw: unknown, token: CancellationToken): Promise<R> => {
      try {
        return await run(raw, token);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        if (err instanceof NotSavedError) throw new ResponseError(LSPErrorCodes.RequestFailed, err.message);
        if (err instanceof ParamsError || err instanceof TargetError) throw new ResponseError(ErrorCodes.InvalidParams, `${name}: ${err.message}`);
        connection.console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
        throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(err as Error).message}`);
      }
    };

  /**
   * Runs a long apply or delete in slices: other requests are answered in between, a work-done progress
   * (cancellable) appears once it takes longer than one slice, and the request's cancellation or the
   * progress's Cancel button stops it after the current chunk.
   */
  const inSlices = async <T>(verb: string, items: readonly T[], token: CancellationToken, run: (chunk: T[]) => ApplyOutcome[]) => {
    let progress: WorkDoneProgressServerReporter | undefined;
    let creating = false;
    let finished = false;
    const percent = (done: number): number => Math.floor((100 * done) / items.length);
    try {
      return await runInSlices(items, run, {
        isCancelled: () => token.isCancellationRequested || progress?.token.isCancellationRequested === true,
        onSlice: (done) => {
          if (progress) progress.report(percent(done), `${done.toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} objects`);
          if (creating) return;
          creating = true;
          connection.window.createWorkDoneProgress().then(
            (created) => {
              created.begin(`Shipshape: ${verb} ${items.length.toLocaleString('en-US')} objects`, percent(done), undefined, true);
              if (finished) created.done();
              else progress = created;
            },
            () => undefined,
          );
        },
      });
    } finally {
      finished = true;
      progress?.done();
    }
  };

  const notDone = (rest: Resource[], verb: string, doneCount: number): ApplyOutcome[] =>
    rest.map((r) => ({
      ref: refOf(r),
      outcome: 'rejected',
      message: `not ${verb}: the request was cancelled after ${doneCount} of ${doneCount + rest.length} objects`,
    }));

  /**
   * A whole open file with more documents than one request may take is refused before it is parsed
   * (parsing 80,000 documents alone takes seconds); `resolve` counts the objects exactly afterwards.
   */
  const refuseHugeFile = (params: ApplyParams, verb: 'apply' | 'delete'): void => {
    if ((params.documentIndex ?? -1) >= 0 || params.position) return;
    const text = documents.get(params.uri)?.getText();
    const count = text === undefined ? 0 : countDocuments(text);
    // Every document but empty ones can be an object: far above the limit, nothing can be applied.
    if (count > 2 * MAX_OBJECTS_PER_APPLY) throw new ResponseError(LSPErrorCodes.RequestFailed, tooManyDocumentsMessage(count, verb));
  };

  const resolve = async (params: ApplyParams): Promise<Resource[]> => {
    const state = await manifestFile(service, params.uri, files, documents);
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

  /** Remembers each document's outcome for its lens; a refusal is logged as a warning and notified. */
  const applyDone = (resources: readonly Resource[], response: ApplyResponse): ApplyResponse => {
    response.results.forEach((result, i) => {
      const resource = resources[i];
      if (result.outcome === 'rejected') {
        refusals.refused(resource, result.message);
        connection.console.warn(`Apply refused: ${result.message}`);
      } else refusals.applied(resource);
    });
    refresher.schedule();
    if (!response.ok) void connection.sendNotification(Methods.applyFailed, response);
    return response;
  };

  connection.onRequest(
    Methods.apply,
    handle('apply', async (raw, token): Promise<ApplyResponse> => {
      const cluster = requireHost();
      const params = parseApplyParams(raw);
      refuseHugeFile(params, 'apply');
      const resources = await resolve(params);
      if (resources.length > MAX_OBJECTS_PER_APPLY) throw new ResponseError(LSPErrorCodes.RequestFailed, tooManyObjectsMessage(resources.length, 'apply'));
      const { sizes, total } = measureObjects(resources.map((r) => r.object));
      if (total > MAX_BYTES_PER_APPLY) throw new ResponseError(LSPErrorCodes.RequestFailed, tooManyBytesMessage(total));
      // Like kubectl's client-side validation: one invalid document refuses the whole request.
      const refused: ApplyOutcome[] = [];
      const uri = resources[0].uri;
      const messages = refusalMessages(resources, (await fileDiagnostics(service, uri, () => false)) ?? service.diagnostics(uri));
      const refusedResources: Resource[] = [];
      resources.forEach((r, i) => {
        const message = sizes[i] > MAX_OBJECT_BYTES ? OBJECT_TOO_LARGE_MESSAGE : messages[i];
        if (!message) return;
        refused.push({ ref: refOf(r), outcome: 'rejected', message });
        refusedResources.push(r);
      });
      if (refused.length > 0) return applyDone(refusedResources, { ok: false, results: refused });
      const { results, skipped } = await inSlices('Applying', resources, token, (chunk) =>
        cluster.apply(chunk.map((r) => r.object)).map((result, i): ApplyOutcome => ({
          ref: refOf(chunk[i]),
          outcome: result.ok ? (result.action ?? 'configured') : 'rejected',
          message: result.message,
          ...(result.warnings ? { warnings: result.warnings } : {}),
        })),
      );
      if (skipped > 0) {
        applyDone(resources.slice(0, results.length), { ok: true, results });
        return { ok: false, results: [...results, ...notDone(resources.slice(results.length), 'applied', results.length)] };
      }
      return applyDone(resources, { ok: results.every((r) => r.outcome !== 'rejected'), results });
    }),
  );

  connection.onRequest(
    Methods.delete,
    handle('delete', async (raw, token): Promise<ApplyResponse> => {
      const cluster = requireHost();
      const params = parseApplyParams(raw);
      refuseHugeFile(params, 'delete');
      const resources = await resolve(params);
      if (resources.length > MAX_OBJECTS_PER_APPLY) throw new ResponseError(LSPErrorCodes.RequestFailed, tooManyObjectsMessage(resources.length, 'delete'));
      // A file is deleted bottom-up, so objects go before the namespace that holds them.
      const ordered = [...resources].reverse();
      const { results, skipped } = await inSlices('Deleting', ordered, token, (chunk) =>
        chunk.map((r): ApplyOutcome => {
          const ref = refOf(r);
          if (!r.name) return { ref, outcome: 'rejected', message: 'error: resource name may not be empty' };
          const result = cluster.delete(ref);
          return { ref, outcome: result.ok ? 'deleted' : 'rejected', message: result.message };
        }),
      );
      refresher.schedule();
      if (skipped > 0) return { ok: false, results: [...results, ...notDone(ordered.slice(results.length), 'deleted', results.length)] };
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

  connection.onRequest(
    Methods.apiEndpoint,
    handle('apiEndpoint', () => {
      requireHost();
      if (!api) throw new ResponseError(LSPErrorCodes.RequestFailed, unavailable);
      return api.endpoint();
    }),
  );

  connection.onCodeLens((params) => {
    if (!host) return [];
    try {
      const uri = params.textDocument.uri;
      return clusterLenses(uri, appliable(service.get(uri)), {
        cluster: host.current,
        refusal: (r) => refusals.messageFor(r),
        version: documents.get(uri)?.version,
      });
    } catch (err) {
      connection.console.error(`codeLens failed: ${(err as Error).stack ?? String(err)}`);
      return [];
    }
  });

  // The state is saved on shutdown, and synchronously if the process exits without one.
  const stop = (): void => {
    process.off('exit', stop);
    refresher.dispose();
    api?.dispose();
    api = undefined;
    host?.dispose();
    host = undefined;
  };
  connection.onShutdown(stop);
  process.on('exit', stop);

  return {
    initialize(params) {
      const raw: unknown = params.initializationOptions;
      const options = (typeof raw === 'object' && raw !== null ? raw : {}) as ShipshapeInitializationOptions;
      refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      // Fail closed: only `true` or no value at all enables the cluster ("false", 0, null disable it).
      const enabled: unknown = options.clusterEnabled;
      if (enabled !== true && enabled !== undefined) {
        if (enabled !== false) {
          unavailable = `The simulated cluster is disabled: the initialization option clusterEnabled is ${JSON.stringify(enabled)} (only true or no value enable it).`;
          connection.console.warn(unavailable);
        }
        return { codeLensProvider: { resolveProvider: false } };
      }
      try {
        host = new ClusterHost({
          storageDir: typeof options.clusterStoragePath === 'string' && options.clusterStoragePath ? options.clusterStoragePath : undefined,
          sendDelta: (delta) => void connection.sendNotification(Methods.changed, delta),
          onChange: () => {
            refresher.schedule();
            api?.refresh();
          },
          log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m), error: (m) => connection.console.error(m) },
          notify: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
        });
        const current = host;
        api = new ApiEndpoint(() => current, {
          storageDir: typeof options.clusterStoragePath === 'string' && options.clusterStoragePath ? options.clusterStoragePath : undefined,
          validator: createObjectValidator(createDefaultEnvironment(), DEFAULT_SETTINGS),
          log: (m) => connection.console.info(m),
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
