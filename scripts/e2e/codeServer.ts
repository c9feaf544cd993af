import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
const SEEDED_SETTINGS = {
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
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {}

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
    rmSync(stateDir, { recursive: true, force: true });
    const userDataDir = join(stateDir, 'user-data');
    const extensionsDir = join(stateDir, 'extensions');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(SEEDED_SETTINGS, null, 2));

    const port = await freePort();
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
      '--vscode-option',
      'enable-smoke-test-driver',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
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

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
