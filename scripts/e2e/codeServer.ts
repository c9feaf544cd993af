import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { isolatedEnv, type E2ePaths } from './paths';
import { killTree } from './processTree';

export interface CodeServerOptions {
  paths: E2ePaths;
  /** A fresh folder for this instance's user data, extensions and log. It is emptied first. */
  stateDir: string;
  /** Extra environment for code-server and its extension hosts. */
  env?: Record<string, string>;
  /** How long to wait for /healthz. */
  startTimeoutMs?: number;
  /**
   * Keep what stateDir holds from the last start (user data: settings, workspace storage) instead of
   * emptying it; settings are then seeded only when there are none yet.
   */
  keepState?: boolean;
  /** User settings to seed (default: a quiet, deterministic workbench for tests). */
  settings?: Record<string, unknown>;
  /** Folder that http://127.0.0.1:<port>/ opens (otherwise code-server's last opened folder). */
  defaultFolder?: string;
  /** An extension folder to load as an installed extension (linked into the extensions folder). */
  installedExtension?: string;
  /**
   * Start with the smoke-test driver (default true): workbench URLs may then load development
   * extensions and run test modules, but notification toasts are hidden.
   */
  testDriver?: boolean;
  /** Port to listen on when it is free; otherwise (or when unset) any free port. */
  preferredPort?: number;
}

export interface WorkbenchOptions {
  /** Folder to open. */
  folder: string;
  /** Extension to load unpackaged (extensionDevelopmentPath). */
  extensionDevelopmentPath: string;
  /** Test module to run in the extension host (extensionTestsPath); the window reports its exit code. */
  extensionTestsPath?: string;
}

/** User settings for a quiet, deterministic workbench. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

/** A running code-server (VS Code in the browser) bound to 127.0.0.1. */
export class CodeServer {
  /** Settles when the code-server process exits, with its exit code or signal. */
  readonly exited: Promise<number | NodeJS.Signals | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /**
   * The workbench URL for a folder, loading an unpackaged extension. Works only because the server
   * runs with `enable-smoke-test-driver`: a built workbench otherwise ignores the payload.
   */
  workbenchUrl(options: WorkbenchOptions): string {
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${this.port}${path}`;
    const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    const query = new URLSearchParams({ folder: options.folder, payload: JSON.stringify(payload) });
    return `${this.origin}/?${query.toString()}`;
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const { paths, stateDir } = options;
    if (!options.keepState) rmSync(stateDir, { recursive: true, force: true });
    const userDataDir = join(stateDir, 'user-data');
    const extensionsDir = join(stateDir, 'extensions');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    const settingsFile = join(userDataDir, 'User', 'settings.json');
    if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(options.settings ?? TEST_SETTINGS, null, 2));
    prepareExtensionsDir(extensionsDir, options.installedExtension);

    const port = await freePort(options.preferredPort);
    const logFile = join(stateDir, 'code-server.log');
    const log = createWriteStream(logFile);
    const args = [
      paths.codeServerEntry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.testDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      ...(options.defaultFolder ? ['--ignore-last-opened', options.defaultFolder] : []),
    ];
    const child = spawn(paths.node24, args, {
      cwd: stateDir,
      // Own process group, so the whole tree (extension hosts, language servers) can be ended.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...isolatedEnv(paths), ...options.env },
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);

    const server = new CodeServer(child, port, logFile);
    try {
      await server.waitForHealth(options.startTimeoutMs ?? 30_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Ends code-server and every process it started. Resolves to the pids that survived (none expected). */
  async stop(): Promise<number[]> {
    if (this.child.pid === undefined) return [];
    return killTree(this.child.pid);
  }

  /** Waits until `url` (redirects followed) serves the workbench page. */
  async waitForWorkbench(url: string, timeoutMs = 30_000): Promise<WorkbenchPage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await fetchWorkbench(url).catch((error: unknown) => ({ status: 0, url, isWorkbench: false, error }));
      if (page.isWorkbench) return page;
      if (Date.now() > deadline) throw new Error(`${url} did not serve the workbench within ${timeoutMs} ms (HTTP ${page.status}); see ${this.logFile}`);
      await delay(100);
    }
  }

  private async waitForHealth(timeoutMs: number): Promise<void> {
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      exit = { code, signal };
    };
    this.child.once('exit', onExit);
    try {
      const deadline = Date.now() + timeoutMs;
      // No event tells when the port starts answering: poll /healthz.
      while (!(await answers(`${this.origin}/healthz`))) {
        if (exit) throw new Error(`code-server exited early (${exit.signal ?? exit.code}); see ${this.logFile}`);
        if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms; see ${this.logFile}`);
        await delay(100);
      }
    } finally {
      this.child.off('exit', onExit);
    }
  }
}

export interface WorkbenchPage {
  /** HTTP status of the last response. */
  status: number;
  /** The URL after redirects (code-server redirects / to /?folder=<default folder>). */
  url: string;
  /** Whether the page is VS Code's workbench (it carries the workbench's web configuration). */
  isWorkbench: boolean;
}

/** Fetches `url`, following redirects, and tells whether it is the workbench page. */
export async function fetchWorkbench(url: string): Promise<WorkbenchPage> {
  const response = await fetch(url);
  const html = await response.text();
  return { status: response.status, url: response.url, isWorkbench: response.ok && html.includes('id="vscode-workbench-web-configuration"') };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Empties the extensions folder and links `extension` into it under its `<publisher>.<name>-<version>`
 * folder name. Without a manifest (extensions.json) VS Code scans the folder and finds it.
 */
function prepareExtensionsDir(extensionsDir: string, extension: string | undefined): void {
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (!extension) return;
  const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  symlinkSync(extension, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

/** `preferred` when it is free, otherwise a free port chosen by the system. */
async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined) {
    const port = await listenOnce(preferred).catch(() => undefined);
    if (port !== undefined) return port;
  }
  return listenOnce(0);
}

function listenOnce(requested: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(requested, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
