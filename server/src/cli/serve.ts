import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KubeApiServer } from '../apiserver/server';
import { writeKubeconfig } from '../apiserver/kubeconfig';
import { ClusterHost } from '../lsp/cluster/clusterHost';
import type { ObjectValidator } from '../sim/store/validation';
import { parseArgs, UsageError } from './args';

export const SERVE_USAGE = 'usage: shipshape cluster serve [--port N] [--kubeconfig FILE] [--state DIR] [--speed 1|5|20|max] [--nodes N]\n';

export interface ServeIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  validator?: ObjectValidator;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); tests pass their own. */
  stopSignal?: Promise<void>;
}

interface ServeOptions {
  port: number;
  kubeconfig?: string;
  state?: string;
  speed?: number;
  nodes: number;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${text}'`);
  return n;
}

function parseServe(argv: string[], cwd: string): ServeOptions {
  const { positionals, flags } = parseArgs(argv, ['port', 'kubeconfig', 'state', 'speed', 'nodes'], []);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const speedText = flags.get('speed') as string | undefined;
  let speed: number | undefined;
  if (speedText !== undefined) {
    if (speedText === 'max') speed = 0;
    else if (['1', '5', '20'].includes(speedText)) speed = Number(speedText);
    else throw new UsageError(`--speed must be 1, 5, 20 or max, got '${speedText}'`);
  }
  const kubeconfig = flags.get('kubeconfig') as string | undefined;
  const state = flags.get('state') as string | undefined;
  return {
    port: flags.has('port') ? integer('port', flags.get('port') as string, 0, 65535) : 0,
    kubeconfig: kubeconfig ? resolve(cwd, kubeconfig) : undefined,
    state: state ? resolve(cwd, state) : undefined,
    speed,
    nodes: flags.has('nodes') ? integer('nodes', flags.get('nodes') as string, 1, 500) : 3,
  };
}

function stopSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `shipshape cluster serve`: a simulated cluster with the Kubernetes API on 127.0.0.1, until SIGINT or
 * SIGTERM (exit 0). The kubeconfig is written once the server accepts requests.
 */
export async function runServe(argv: string[], io: ServeIo): Promise<number> {
  let options: ServeOptions;
  try {
    options = parseServe(argv, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n${SERVE_USAGE}`);
      return 2;
    }
    throw err;
  }
  const log = { info: (m: string) => io.stderr(`${m}\n`), warn: (m: string) => io.stderr(`warning: ${m}\n`), error: (m: string) => io.stderr(`error: ${m}\n`) };
  const host = new ClusterHost({
    storageDir: options.state,
    sendDelta: () => undefined,
    log,
    // Virtual time starts at the wall clock, so kubectl's own ages (describe, events) read naturally.
    engine: { nodes: options.nodes, validator: io.validator, startTime: Math.floor(Date.now() / 1000) * 1000 },
  });
  if (options.speed !== undefined) host.action({ type: 'setSpeed', speed: options.speed });
  const server = new KubeApiServer({ cluster: () => host.current, validator: io.validator, log: (line) => io.stderr(`${line}\n`) });
  let url: string;
  try {
    url = await server.listen(options.port);
  } catch (err) {
    io.stderr(`error: cannot listen on 127.0.0.1:${options.port}: ${(err as Error).message}\n`);
    host.dispose();
    return 1;
  }
  const generated = !options.kubeconfig;
  const kubeconfig = options.kubeconfig ?? join(options.state ?? tmpdir(), options.state ? 'kubeconfig' : `shipshape-${process.pid}.kubeconfig`);
  writeKubeconfig(kubeconfig, url, server.token, server.certificate);
  io.stdout(`Serving the simulated cluster's Kubernetes API at ${url}\n`);
  if (generated) io.stdout(`Kubeconfig written to ${kubeconfig}\n  export KUBECONFIG=${kubeconfig}\n`);
  await (io.stopSignal ?? stopSignal());
  await server.close();
  host.dispose();
  if (generated && !options.state) rmSync(kubeconfig, { force: true });
  io.stdout('Stopped.\n');
  return 0;
}
