import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/types';
import { normalizeSettings } from '../core/analysis/settings';
import { findProjectConfig, PROJECT_CONFIG_FILE } from '../core/config/projectConfig';
import { findManifests } from '../core/fs/findManifests';
import { createDefaultEnvironment } from '../core/service/defaultEnvironment';
import { createWorkspaceModel } from '../core/service/workspaceModel';
import { LanguageService } from '../core/service/languageService';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { fileDiagnostics, updateText } from './largeDocuments';
import { describeError } from './errorLog';
import { toLspDiagnostic } from './convert';
import { registerFeatures } from './features';
import { registerCluster } from './cluster/register';
import { FileAccessError, readRegularFile, WorkspaceFiles } from './fileAccess';

export const MAX_INDEXED_FILE_BYTES = 5 * 1024 * 1024;

/** Wires the language service to an LSP connection. Returns the service for in-process tests. */
export function startServer(connection: Connection): LanguageService {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
  let workspaceFolders: WorkspaceFolder[] = [];
  /** The client's settings as last read, and the presets of the workspace folders' `.shipshape.yaml`. */
  let clientSettings: unknown = {};
  let projectPresets: string[] = [];
  const applySettings = (raw: unknown): void => {
    clientSettings = raw ?? {};
    const settings = normalizeSettings(clientSettings);
    service.setSettings({ ...settings, presets: [...new Set([...settings.presets, ...projectPresets])] });
  };
  const loadProjectConfig = async (): Promise<void> => {
    const presets: string[] = [];
    for (const folder of workspaceFolders.filter((f) => f.uri.startsWith('file:'))) {
      const config = await findProjectConfig(fileURLToPath(folder.uri));
      for (const problem of config?.problems ?? []) connection.console.warn(problem);
      presets.push(...(config?.presets ?? []));
    }
    projectPresets = presets;
    applySettings(clientSettings);
  };
  let configurationPull = false;

  const send = (uri: string, diagnostics: Diagnostic[] | undefined): void => {
    if (diagnostics) void connection.sendDiagnostics({ uri, diagnostics: diagnostics.map(toLspDiagnostic) });
  };
  const publish = (uri: string): void | Promise<void> => {
    const version = service.get(uri)?.file.version;
    // Huge files are analyzed in slices; a newer version of the document makes the result moot.
    const diagnostics = fileDiagnostics(service, uri, () => documents.get(uri)?.version !== version);
    if (diagnostics instanceof Promise) return diagnostics.then((d) => send(uri, d));
    send(uri, diagnostics);
  };
  const scheduler = new DiagnosticsScheduler(publish, (uri) => documents.get(uri) !== undefined);
  const files = new WorkspaceFiles();
  const cluster = registerCluster(connection, documents, service, files);
  const features = registerFeatures(connection, documents, service);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    files.setFolders(workspaceFolders.map((f) => f.uri));
    configurationPull = !!params.capabilities.workspace?.configuration;
    applySettings(params.initializationOptions?.settings ?? params.initializationOptions ?? {});
    if (workspaceFolders.some((f) => f.uri.startsWith('file:'))) scheduler.hold();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...features.initialize(params),
        ...cluster.initialize(params),
      },
      serverInfo: { name: 'shipshape-language-server', version: '0.1.0' },
    };
  });

  const refreshSettings = async (): Promise<void> => {
    if (!configurationPull) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration('shipshape');
      applySettings(raw);
    } catch (err) {
      connection.console.warn(`Could not read settings: ${(err as Error).message}`);
    }
  };

  connection.onInitialized(async () => {
    if (configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' });
      await refreshSettings();
    }
    await loadProjectConfig();
    try {
      await indexWorkspace();
    } finally {
      scheduler.release();
    }
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
  });

  async function indexWorkspace(): Promise<void> {
    const roots = files.folders;
    if (roots.length === 0) return;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Shipshape: indexing Kubernetes manifests', 0, undefined, false);
    const started = Date.now();
    let count = 0;
    for (const root of roots) {
      const found = await findManifests(root);
      for (let i = 0; i < found.length; i++) {
        const uri = pathToFileURL(found[i]).toString();
        if (documents.get(uri)) continue; // the open document's text wins
        try {
          // Regular files only (a FIFO named *.yaml would block the read), at most 5 MB.
          const text = await readRegularFile(found[i], MAX_INDEXED_FILE_BYTES);
          await updateText(service, uri, text, -1, () => documents.get(uri) !== undefined);
          count++;
        } catch (err) {
          if (!(err instanceof FileAccessError)) connection.console.warn(`Skipped ${found[i]}: ${(err as Error).message}`);
          else connection.console.info(`Not indexed: ${err.path} (${err.reason}${err.tooLarge ? ' for files that are not open' : ''})`);
        }
        if (i % 50 === 0) progress?.report(Math.round((100 * i) / found.length), `${i}/${found.length} files`);
      }
    }
    progress?.done();
    connection.console.info(`Indexed ${count} manifest files in ${Date.now() - started} ms`);
  }

  const scheduleWith = (uri: string, dependents: ReadonlySet<string> | undefined): void => {
    if (!dependents) return; // superseded by a newer version
    scheduler.schedule(uri);
    for (const d of dependents) if (documents.get(d)) scheduler.schedule(d);
  };
  const onDocument = (doc: TextDocument): void => {
    const { uri, version } = doc;
    try {
      const dependents = updateText(service, uri, doc.getText(), version, () => documents.get(uri)?.version !== version);
      if (dependents instanceof Promise)
        dependents.then(
          (d) => scheduleWith(uri, d),
          (err: unknown) => logFailure(`update of ${uri}`, err),
        );
      else scheduleWith(uri, dependents);
    } catch (err) {
      logFailure(`update of ${uri}`, err);
    }
  };
  const logFailure = (what: string, err: unknown): void => connection.console.error(`${what} failed: ${describeError(err)}`);
  documents.onDidOpen((e) => onDocument(e.document));
  documents.onDidChangeContent((e) => onDocument(e.document));
  documents.onDidClose(async (e) => {
    scheduler.cancel(e.document.uri);
    // Back to the file on disk (or out of the index when the file does not exist).
    try {
      const text = await files.read(e.document.uri, MAX_INDEXED_FILE_BYTES);
      await updateText(service, e.document.uri, text, -1, () => documents.get(e.document.uri) !== undefined);
    } catch {
      service.remove(e.document.uri);
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await refreshSettings();
    else applySettings((change.settings as { shipshape?: unknown })?.shipshape);
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const touched = new Set<string>();
    if (params.changes.some((c) => c.uri.endsWith(`/${PROJECT_CONFIG_FILE}`))) {
      await loadProjectConfig();
      for (const doc of documents.all()) touched.add(doc.uri);
    }
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue;
      let dependents: ReadonlySet<string> = new Set();
      if (change.type === FileChangeType.Deleted) dependents = service.remove(change.uri);
      else {
        try {
          const text = await files.read(change.uri, MAX_INDEXED_FILE_BYTES);
          dependents = (await updateText(service, change.uri, text, -1, () => documents.get(change.uri) !== undefined)) ?? new Set();
        } catch {
          dependents = service.remove(change.uri);
        }
      }
      dependents.forEach((d) => touched.add(d));
    }
    for (const uri of touched) if (documents.get(uri)) scheduler.schedule(uri);
  });

  documents.listen(connection);
  connection.listen();
  return service;
}
