/**
 * Shipshape's language server side by side with yaml-language-server (the incumbent), both driven by
 * the same LSP client over stdio, on the same generated manifests:
 *   - cold start → first diagnostics (a small file with one schema error),
 *   - open → diagnostics and edit → diagnostics on 200- and 2,000-resource files (each edit toggles a
 *     schema error, and the wait is for diagnostics that reflect it),
 *   - completion latency inside a container spec,
 *   - the longest wait of hover/completion requests on a small file while a 50,000-line file is
 *     opened and edited,
 *   - resident memory of the server process.
 * yaml-language-server runs offline with one strict JSON Schema built from the same Kubernetes 1.36
 * definitions (scripts/bench/incumbentSchema.ts); schema store and CRD store are off.
 *
 *   node scripts/run-ts.mjs scripts/bench/incumbent.ts [--runs N] [--only shipshape|yaml-language-server]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import { manifestText } from './generate';
import { incumbentSchema } from './incumbentSchema';
import { median, StdioLspClient } from './stdioClient';

const ROOT = resolve(__dirname, '..', '..');
const KUBERNETES_VERSION = '1.36';
/** Every kind the generated manifests use. */
const KINDS: [string, string][] = [
  ['apps/v1', 'Deployment'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
];
const WAIT_LIMIT_MS = 180_000;

interface Position {
  line: number;
  character: number;
}
interface Diag {
  range: { start: Position };
  severity?: number;
}

export interface ServerUnderTest {
  name: string;
  command: string;
  args: string[];
  configuration: (section?: string) => unknown;
}

export function shipshapeServer(): ServerUnderTest {
  return { name: 'shipshape', command: process.execPath, args: [join(ROOT, 'dist', 'server.js'), '--stdio'], configuration: () => ({}) };
}

export function yamlLanguageServer(schemaFile: string): ServerUnderTest {
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: { [schemaFile]: '*.yaml' },
  };
  let entry: string;
  try {
    entry = require.resolve('yaml-language-server/bin/yaml-language-server', { paths: [ROOT] });
  } catch {
    throw new Error('yaml-language-server is not installed (npm install --save-dev yaml-language-server@2)');
  }
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [entry, '--stdio'],
    configuration: (section) => (section === 'yaml' ? yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : section === '[yaml]' ? {} : {}),
  };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_LIMIT_MS).unref())]);
}

const errorsOn = (line: number) => (p: { diagnostics: unknown[] }) =>
  (p.diagnostics as Diag[]).some((d) => d.range.start.line === line && (d.severity ?? 1) === 1);
const noErrorOn = (line: number) => (p: { diagnostics: unknown[] }) => !errorsOn(line)(p);

/** A manifest text, the line of the first `replicas:` (edits toggle a schema error there) and a position inside the first container. */
export interface BenchFile {
  uri: string;
  text: string;
  lines: number;
  resources: number;
  replicasLine: number;
  /** Where an empty line is inserted inside the first container for completion. */
  completionAt: Position;
}

/** Each file gets its own namespace: the files define distinct objects, as separate applications would. */
export function benchFile(dir: string, name: string, resources: number): BenchFile {
  const { text, count } = manifestText(resources, name.replace(/\.yaml$/, '').replace(/[^a-z0-9]+/g, '-'));
  const lines = text.split('\n');
  const replicasLine = lines.findIndex((l) => /^ {2}replicas: \d+$/.test(l));
  const imageLine = lines.findIndex((l) => /^ {10}image: /.test(l));
  const path = join(dir, name);
  writeFileSync(path, text);
  return {
    uri: pathToFileURL(path).toString(),
    text,
    lines: lines.length,
    resources: count,
    replicasLine,
    completionAt: { line: imageLine + 1, character: 10 },
  };
}

/** Replaces the first `replicas:` line: a schema error (a string) or the original value. */
function replicasEdit(client: StdioLspClient, file: BenchFile, version: number, broken: boolean): Promise<void> {
  const original = file.text.split('\n')[file.replicasLine];
  const range = {
    start: { line: file.replicasLine, character: 0 },
    end: { line: file.replicasLine, character: broken ? original.length : BROKEN_REPLICAS.length },
  };
  return client.changeRange(file.uri, version, range, broken ? BROKEN_REPLICAS : original);
}

const BROKEN_REPLICAS = '  replicas: "many"';

export interface FileResult {
  openMs: number;
  editMs: number;
  completionMs?: number;
  completionItems?: number;
  rssMb: number;
}

export interface RunResult {
  coldStartMs: number;
  files: Record<string, FileResult>;
  blocking?: { maxMs: number; medianMs: number; requests: number; analysisMs: number };
}

class Session {
  private version = 100;
  constructor(readonly client: StdioLspClient) {}

  async open(file: BenchFile): Promise<number> {
    const done = withTimeout(this.client.nextDiagnostics(file.uri), `diagnostics of ${file.uri}`);
    const t = performance.now();
    await this.client.open(file.uri, file.text, this.version++);
    await done;
    return performance.now() - t;
  }

  /** Median time from an edit that adds or removes a schema error to diagnostics that show it. */
  async edits(file: BenchFile, count: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const broken = i % 2 === 0;
      const next = withTimeout(
        this.client.nextDiagnostics(file.uri, broken ? errorsOn(file.replicasLine) : noErrorOn(file.replicasLine)),
        `edit diagnostics of ${file.uri}`,
      );
      const t = performance.now();
      await replicasEdit(this.client, file, this.version++, broken);
      await next;
      times.push(performance.now() - t);
    }
    if (count % 2 === 1) {
      const next = withTimeout(this.client.nextDiagnostics(file.uri, noErrorOn(file.replicasLine)), 'restoring edit');
      await replicasEdit(this.client, file, this.version++, false);
      await next;
    }
    return median(times);
  }

  async completion(file: BenchFile, count: number): Promise<{ ms: number; items: number }> {
    const next = withTimeout(this.client.nextDiagnostics(file.uri), 'diagnostics before completion');
    const at = file.completionAt;
    await this.client.changeRange(
      file.uri,
      this.version++,
      { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } },
      `${' '.repeat(at.character)}\n`,
    );
    await next;
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const result = await this.client.request<{ items?: { label: string }[] } | { label: string }[] | null>('textDocument/completion', {
        textDocument: { uri: file.uri },
        position: file.completionAt,
      });
      times.push(performance.now() - t);
      const list = Array.isArray(result) ? result : (result?.items ?? []);
      if (!list.some((item) => item.label === 'imagePullPolicy'))
        throw new Error(`completion inside the container did not offer imagePullPolicy (${list.length} items)`);
      items = list.length;
    }
    const restored = withTimeout(this.client.nextDiagnostics(file.uri), 'diagnostics after completion');
    await this.client.changeRange(file.uri, this.version++, { start: { line: at.line, character: 0 }, end: { line: at.line + 1, character: 0 } }, '');
    await restored;
    return { ms: median(times), items };
  }

  /**
   * Opens `big`, then edits it, while hover and completion requests on `small` are sent one after
   * the other; returns the longest and the median wait for an answer until the big file's diagnostics
   * of the edit arrived.
   */
  async blocking(big: BenchFile, small: BenchFile): Promise<{ maxMs: number; medianMs: number; requests: number; analysisMs: number }> {
    const waits: number[] = [];
    let finished = false;
    const probe = async (): Promise<void> => {
      for (let i = 0; !finished; i++) {
        const t = performance.now();
        if (i % 2 === 0) await this.client.request('textDocument/hover', { textDocument: { uri: small.uri }, position: { line: 1, character: 2 } });
        else await this.client.request('textDocument/completion', { textDocument: { uri: small.uri }, position: small.completionAt });
        waits.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const started = performance.now();
    const probing = probe();
    const opened = withTimeout(this.client.nextDiagnostics(big.uri), 'diagnostics of the big file');
    await this.client.open(big.uri, big.text, this.version++);
    await opened;
    const edited = withTimeout(this.client.nextDiagnostics(big.uri, errorsOn(big.replicasLine)), 'diagnostics of the big file after an edit');
    await replicasEdit(this.client, big, this.version++, true);
    await edited;
    const analysisMs = performance.now() - started;
    finished = true;
    await probing;
    return { maxMs: Math.max(...waits), medianMs: median(waits), requests: waits.length, analysisMs };
  }
}

export interface Workload {
  probe: BenchFile;
  small: BenchFile;
  files: BenchFile[];
  big: BenchFile;
}

export function workload(dir: string): Workload {
  const probe = benchFile(dir, 'probe.yaml', 3);
  const broken = probe.text.split('\n');
  broken[probe.replicasLine] = '  replicas: "many"';
  probe.text = broken.join('\n');
  writeFileSync(fileURLToPath(probe.uri), probe.text);
  return {
    probe,
    small: benchFile(dir, 'small.yaml', 4),
    files: [benchFile(dir, 'app-200.yaml', 200), benchFile(dir, 'app-2000.yaml', 2000)],
    big: benchFile(dir, 'app-50k-lines.yaml', 2480),
  };
}

export async function runServer(server: ServerUnderTest, work: Workload, rootUri: string | null): Promise<RunResult> {
  const started = performance.now();
  const client = new StdioLspClient(server.command, server.args);
  client.configuration = server.configuration;
  const session = new Session(client);
  try {
    await client.initialize(rootUri);
    const firstErrors = withTimeout(client.nextDiagnostics(work.probe.uri, errorsOn(work.probe.replicasLine)), 'the first diagnostics');
    await client.open(work.probe.uri, work.probe.text, 1);
    await firstErrors;
    const coldStartMs = performance.now() - started;
    const files: Record<string, FileResult> = {};
    for (const file of work.files) {
      const openMs = await session.open(file);
      const editMs = await session.edits(file, file.resources > 500 ? 6 : 20);
      const completion = file.resources <= 500 ? await session.completion(file, 20) : undefined;
      files[file.uri] = { openMs, editMs, completionMs: completion?.ms, completionItems: completion?.items, rssMb: client.rssMb() };
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: file.uri } });
    }
    await session.open(work.small);
    const blocking = await session.blocking(work.big, work.small);
    return { coldStartMs, files, blocking };
  } finally {
    await client.stop();
  }
}

const fmt = (ms: number | undefined): string =>
  ms === undefined || Number.isNaN(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const ratio = (ours: number | undefined, theirs: number | undefined): string => (ours && theirs ? `${(theirs / ours).toFixed(1)}×` : '—');

function medianOf(runs: RunResult[], pick: (r: RunResult) => number | undefined): number | undefined {
  const values = runs.map(pick).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
}

export function report(work: Workload, results: Record<string, RunResult[]>): void {
  const names = Object.keys(results);
  const rows: [string, (r: RunResult) => number | undefined, string, boolean][] = [
    ['cold start → first diagnostics', (r) => r.coldStartMs, 'goal ≤ 400 ms', true],
  ];
  for (const f of work.files) {
    const label = `${f.resources} resources / ${f.lines} lines`;
    rows.push([`open → diagnostics, ${label}`, (r) => r.files[f.uri]?.openMs, f.resources === 200 ? 'goal ≥ 5× faster' : '', true]);
    rows.push([`median edit → diagnostics, ${label}`, (r) => r.files[f.uri]?.editMs, f.resources === 200 ? 'goal ≤ 30 ms' : '', true]);
    if (f.resources <= 500) rows.push([`median completion in a container, ${label}`, (r) => r.files[f.uri]?.completionMs, '', true]);
    rows.push([`server RSS after the ${f.resources}-resource file (MB)`, (r) => r.files[f.uri]?.rssMb, '', false]);
  }
  rows.push([`longest hover/completion wait while a ${work.big.lines}-line file is opened and edited`, (r) => r.blocking?.maxMs, 'goal ≤ 200 ms', true]);
  rows.push(['  median wait meanwhile', (r) => r.blocking?.medianMs, '', true]);
  rows.push([`  open + edit → diagnostics of the ${work.big.lines}-line file`, (r) => r.blocking?.analysisMs, '', true]);
  const header = ['', ...names, names.length === 2 ? `${names[1]} / ${names[0]}` : '', ''];
  const table = rows.map(([label, pick, goal, isTime]) => {
    const values = names.map((n) => medianOf(results[n], pick));
    const cells = values.map((v) => (isTime ? fmt(v) : v === undefined ? '—' : v.toFixed(0)));
    return [label, ...cells, names.length === 2 && !label.startsWith('  median') ? ratio(values[0], values[1]) : '', goal];
  });
  const widths = header.map((_, i) => Math.max(header[i].length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of table) console.log(line(r));
}

export async function benchIncumbent(argv: readonly string[] = []): Promise<void> {
  const runsFlag = argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Math.max(1, Number(argv[runsFlag + 1]) || 1) : 1;
  const onlyFlag = argv.indexOf('--only');
  const only = onlyFlag >= 0 ? argv[onlyFlag + 1] : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-incumbent-'));
  try {
    const schemaFile = join(dir, `kubernetes-${KUBERNETES_VERSION}-strict.json`);
    writeFileSync(schemaFile, JSON.stringify(incumbentSchema(join(findSchemaDir(__dirname), `v${KUBERNETES_VERSION}`), KINDS)));
    const work = workload(dir);
    const servers = [shipshapeServer(), yamlLanguageServer(schemaFile)].filter((s) => !only || s.name === only);
    const results: Record<string, RunResult[]> = {};
    for (let run = 0; run < runs; run++) {
      for (const server of servers) {
        process.stdout.write(`  run ${run + 1}/${runs}: ${server.name} … `);
        const result = await runServer(server, work, null);
        (results[server.name] ??= []).push(result);
        console.log(`cold start ${fmt(result.coldStartMs)}`);
      }
    }
    console.log(
      `\nmedians of ${runs} run${runs === 1 ? '' : 's'}; Kubernetes ${KUBERNETES_VERSION}; yaml-language-server with one strict JSON Schema of the same definitions\n`,
    );
    report(work, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('incumbent.cjs')) {
  benchIncumbent(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
