/**
 * Crash-consistency fuzzing of the simulated cluster's storage (`npm run fuzz:durability`):
 *
 *   node scripts/run-ts.mjs scripts/fuzzDurability.ts [--trials N] [--seed S] [--ops N]
 *
 * Each trial starts the real server (dist/server.js, over stdio) on one storage folder shared by all
 * trials, makes a random series of changes — apply and delete ConfigMaps, apply and scale a Deployment,
 * pause/resume/step/speed the clock, now and then a reset — and kills it with SIGKILL at a random
 * moment: right after an acknowledgement, or with requests still in flight. The next trial checks that
 * every acknowledged change survived: each ConfigMap acknowledged as applied exists with its data, each
 * acknowledged as deleted is gone. Changes still in flight at the kill may go either way. Exit status 1
 * if any acknowledged change was lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Methods, type ActionResponse, type ApplyResponse, type ClusterAction } from '../server/src/lsp/protocol';
import { Rng } from '../server/src/sim/rng';
import { ServerProcess } from '../test/lsp/serverProcess';

const SERVER = resolve(__dirname, '..', '..', 'dist', 'server.js');
const URI = 'file:///fuzz/objects.yaml';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

/** What the storage must hold: name → data value (present) or null (deleted). Unknown names: in flight at a kill. */
type Expected = Map<string, string | null>;

const configMap = (name: string, value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

async function check(server: ServerProcess, expected: Expected, uncertain: Set<string>): Promise<number> {
  const { objects } = await server.snapshot();
  const live = new Map<string, string>();
  for (const o of objects)
    if (o.kind === 'ConfigMap' && o.metadata.namespace === 'default' && o.metadata.name.startsWith('fz-'))
      live.set(o.metadata.name, String((o as { data?: { value?: string } }).data?.value));
  let lost = 0;
  for (const [name, value] of expected) {
    if (uncertain.has(name)) continue;
    const actual = live.get(name);
    if (value === null ? actual !== undefined : actual !== value) {
      lost++;
      console.error(`  LOST: ${name} expected ${value === null ? 'deleted' : value}, found ${actual ?? 'nothing'}`);
    }
  }
  // Changes in flight at the kill went one way or the other: from now on, expect what happened.
  for (const name of uncertain) {
    const actual = live.get(name);
    if (actual !== undefined) expected.set(name, actual);
    else if (expected.has(name)) expected.set(name, null);
  }
  return lost;
}

async function main(): Promise<void> {
  const trials = option('trials', 20);
  const seed = option('seed', Date.now() % 1_000_000);
  const opsPerTrial = option('ops', 40);
  const rng = new Rng(seed);
  const storage = mkdtempSync(join(tmpdir(), 'shipshape-durability-'));
  const expected: Expected = new Map();
  let uncertain = new Set<string>();
  let acknowledged = 0;
  let actions = 0;
  let lostTotal = 0;
  let nextName = 0;
  let changeCount = 0;
  console.log(`durability fuzzing: ${trials} trials of up to ${opsPerTrial} changes, seed ${seed}, storage ${storage}`);
  try {
    for (let trial = 0; trial <= trials; trial++) {
      const server = new ServerProcess(SERVER);
      await server.initialize({ clusterStoragePath: storage });
      const lost = await check(server, expected, uncertain);
      lostTotal += lost;
      if (trial > 0) console.log(`trial ${trial}: ${expected.size} ConfigMaps checked, ${lost} lost`);
      if (trial === trials) {
        await server.shutdown();
        break;
      }
      uncertain = new Set();
      // One open document per change (two documents naming one object would be refused as duplicates).
      await server.open(URI, DEPLOYMENT);
      await server.apply(URI, 0);
      const document = async (text: string): Promise<string> => {
        const uri = `file:///fuzz/change-${trial}-${++changeCount}.yaml`;
        await server.open(uri, text);
        return uri;
      };
      const close = (uri: string): Promise<void> => server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const ops = 1 + rng.int(opsPerTrial);
      const killInFlight = rng.int(2) === 0;
      let pending: { touched: string[]; acknowledged: boolean; done: Promise<void> } | undefined;
      for (let op = 0; op < ops; op++) {
        const roll = rng.int(100);
        const names = [...expected].filter(([, v]) => v !== null).map(([n]) => n);
        let run: () => Promise<void>;
        let touched: string[] = [];
        if (roll < 55 || names.length === 0) {
          const name = roll < 40 || names.length === 0 ? `fz-${nextName++}` : names[rng.int(names.length)];
          const value = `v${trial}-${op}`;
          const uri = await document(configMap(name, value));
          touched = [name];
          run = async () => {
            const response = await server.apply(uri, 0);
            if (!response.ok) throw new Error(JSON.stringify(response));
            await close(uri);
            expected.set(name, value);
            acknowledged++;
          };
        } else if (roll < 75) {
          const name = names[rng.int(names.length)];
          const uri = await document(configMap(name, 'any'));
          touched = [name];
          run = async () => {
            const response = await server.request<ApplyResponse>(Methods.delete, { uri, documentIndex: 0 });
            if (!response.ok) throw new Error(JSON.stringify(response));
            await close(uri);
            expected.set(name, null);
            acknowledged++;
          };
        } else if (roll < 98) {
          const choices: ClusterAction[] = [
            { type: 'pause' },
            { type: 'resume' },
            { type: 'step', ms: rng.int(120_000) },
            { type: 'setSpeed', speed: [0, 1, 5, 20][rng.int(4)] },
            { type: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: rng.int(6) },
            { type: 'rolloutRestart', kind: 'Deployment', namespace: 'default', name: 'web' },
          ];
          const action = choices[rng.int(choices.length)];
          run = async () => {
            await server.request<ActionResponse>(Methods.action, action);
            actions++;
          };
        } else {
          touched = [...expected.keys()];
          run = async () => {
            await server.request(Methods.reset, {});
            for (const name of expected.keys()) expected.set(name, null);
            acknowledged++;
          };
        }
        if (killInFlight && op === ops - 1) {
          // The kill follows the request at once: the change may or may not be made.
          const entry = { touched, acknowledged: false, done: Promise.resolve() };
          entry.done = run().then(
            () => void (entry.acknowledged = true),
            () => undefined,
          );
          pending = entry;
        } else await run();
      }
      await server.kill();
      if (pending) {
        await Promise.race([pending.done, new Promise((r) => setTimeout(r, 100))]);
        if (!pending.acknowledged) uncertain = new Set(pending.touched);
      }
    }
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
  console.log(
    `${trials} kill -9 restarts, ${acknowledged} acknowledged object changes (${expected.size} ConfigMaps), ${actions} cluster actions: ${lostTotal} lost`,
  );
  if (lostTotal > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
