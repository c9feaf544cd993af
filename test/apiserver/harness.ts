import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The real kubectl against `shipshape cluster serve` running as a separate process. */

export const KUBECTL = '/usr/bin/kubectl';
const CLI = resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');

/** Why kubectl tests cannot run here, or undefined. Under CI=true a missing kubectl is a failure, not a skip. */
export function kubectlMissing(): string | undefined {
  if (existsSync(KUBECTL)) return undefined;
  if (process.env.CI === 'true') throw new Error(`${KUBECTL} is missing: kubectl tests must run in CI`);
  const reason = `SKIPPED: ${KUBECTL} is not installed; the kubectl tests did not run`;
  console.warn(reason);
  return reason;
}

export interface Served {
  dir: string;
  kubeconfig: string;
  process: ChildProcess;
  output: () => string;
  kubectl(args: string[], options?: { input?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
  write(name: string, text: string): string;
  stop(): Promise<number | null>;
}

export async function serve(extra: string[] = ['--speed', 'max']): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const child = spawn(process.execPath, [CLI, 'cluster', 'serve', '--kubeconfig', kubeconfig, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((done, fail) => {
    const check = (): void => {
      if (out.includes('Serving')) done();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`cluster serve exited with ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    dir,
    kubeconfig,
    process: child,
    output: () => out,
    kubectl: (args, options = {}) =>
      new Promise((done) => {
        const proc = execFile(
          KUBECTL,
          [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`, ...args],
          { timeout: 60_000 },
          (err, stdout, stderr) => {
            done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
          },
        );
        if (options.input !== undefined) proc.stdin!.end(options.input);
      }),
    write: (name, text) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
