import { spawn, type ChildProcess } from 'node:child_process';
import { descendants, isAlive } from '../../../scripts/e2e/processTree';
import { withTimeout } from '../harness';

const OPEN_LINE = /^Shipshape is open at (\S+)$/gm;

/** `npm start` (or the start script) run the way a terminal runs it: in its own process group. */
export class StartProcess {
  private output = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly child: ChildProcess,
    readonly description: string,
  ) {
    const append = (chunk: Buffer): void => {
      this.output += chunk.toString();
      for (const listener of this.listeners) listener();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static spawn(command: string, args: string[], cwd: string, env: Record<string, string>): StartProcess {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new StartProcess(child, [command, ...args].join(' '));
  }

  get text(): string {
    return this.output;
  }

  /** URLs of every `Shipshape is open at <url>` line printed so far. */
  get openLines(): string[] {
    return [...this.output.matchAll(OPEN_LINE)].map((match) => match[1]);
  }

  /** Waits for the `Shipshape is open at <url>` line and returns the URL; fails if the process ends first. */
  async waitForOpenLine(timeoutMs: number): Promise<string> {
    const line = new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const [url] = this.openLines;
        if (url) resolve(url);
      };
      this.listeners.add(check);
      check();
      void this.exit.then(({ code, signal }) => reject(new Error(`${this.description} exited (${signal ?? code}) before the line:\n${this.output}`)));
    });
    try {
      return await withTimeout(line, timeoutMs, `${this.description} printed no "Shipshape is open at" line:\n${this.output}\n`);
    } finally {
      this.listeners.clear();
    }
  }

  /** Every process of the group and below it, from /proc. */
  processTree(): number[] {
    return [this.child.pid as number, ...descendants(this.child.pid as number)];
  }

  /** Ctrl+C: SIGINT to the whole process group, as a terminal sends it. Resolves with how it ended. */
  async interrupt(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    process.kill(-(this.child.pid as number), 'SIGINT');
    return withTimeout(this.exit, timeoutMs, `${this.description} did not exit after SIGINT:\n${this.output}\n`);
  }

  /** Cleanup after a failed test: ends whatever is left of the group. */
  kill(): void {
    for (const pid of this.processTree().filter(isAlive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
