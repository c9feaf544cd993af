/**
 * Completion latency on a 200-resource file: in process (the core features over a LanguageService)
 * and over stdio against the bundled server (dist/server.js, when built), for a half-typed key inside
 * a container, a reference value (configMapRef name), a kind value and a selector label. Goal: every
 * answer in < 50 ms.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EditorFeatures } from '../../server/src/core/features/editorFeatures';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import type { Position } from '../../server/src/core/types';
import { manifestText } from './generate';
import { median, StdioLspClient } from './stdioClient';

const ROOT = resolve(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const GOAL_MS = 50;

interface Probe {
  name: string;
  text: string;
  position: Position;
}

/**
 * The 200-resource text with one line inserted after the first line matching `after` past the middle
 * (and past a line matching `within`, when given).
 */
function probe(name: string, base: string, after: RegExp, inserted: string, within?: RegExp): Probe {
  const lines = base.split('\n');
  let at = Math.floor(lines.length / 2);
  if (within) while (at < lines.length && !within.test(lines[at])) at++;
  while (at < lines.length && !after.test(lines[at])) at++;
  lines.splice(at + 1, 0, inserted);
  return { name, text: lines.join('\n'), position: { line: at + 1, character: inserted.length } };
}

function probes(): Probe[] {
  const { text } = manifestText(200);
  return [
    probe('key in a container', text, /^ {10}image: /, '          imagePu'),
    probe('key in a pod spec', text, /^ {6}containers:$/, '      '),
    probe('configMapRef name', text, /^ {12}- configMapRef:/, '                name: '),
    probe('kind value', text, /^---$/, 'kind: '),
    probe('Service selector label', text, /^ {2}selector:$/, '    ', /^kind: Service$/),
  ];
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function line(name: string, times: number[], count: number): string {
  const worst = Math.max(...times);
  return `  ${name.padEnd(24)} ${count} items  median ${median(times).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  max ${worst.toFixed(2)} ms  [goal < ${GOAL_MS} ms: ${worst < GOAL_MS ? 'ok' : 'MISSED'}]`;
}

async function inProcess(): Promise<void> {
  const service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
  const features = new EditorFeatures(service);
  console.log('completion in process (core features, cached parse):');
  let version = 1;
  for (const p of probes()) {
    const uri = 'file:///bench/app-200.yaml';
    service.update(uri, p.text, version++);
    const options = { snippets: true, resourceSnippets: true };
    const first = performance.now();
    let count = features.completion(uri, p.position, options).length;
    const firstMs = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      count = features.completion(uri, p.position, options).length;
      times.push(performance.now() - t);
    }
    console.log(`${line(p.name, times, count)}  (first ${firstMs.toFixed(1)} ms, schema loading included)`);
  }
}

async function overStdio(): Promise<void> {
  if (!existsSync(SERVER)) {
    console.log('completion over stdio: skipped (run `npm run bundle` to build dist/server.js)');
    return;
  }
  const client = new StdioLspClient(process.execPath, [SERVER, '--stdio']);
  await client.initialize(null);
  console.log('completion over stdio (dist/server.js, JSON-RPC round trip):');
  const uri = 'file:///bench/app-200.yaml';
  let version = 1;
  for (const p of probes()) {
    const opened = client.nextDiagnostics(uri);
    if (version === 1) await client.open(uri, p.text);
    else await client.change(uri, version, p.text);
    version++;
    await opened;
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const result = await client.connection.sendRequest<unknown[] | { items: unknown[] }>('textDocument/completion', {
        textDocument: { uri },
        position: p.position,
      });
      times.push(performance.now() - t);
      count = Array.isArray(result) ? result.length : (result?.items.length ?? 0);
    }
    console.log(line(p.name, times, count));
  }
  // The first completion right after an edit: the server parses the changed document, then answers.
  const afterEdit: number[] = [];
  const base = probes()[0];
  for (let i = 0; i < 20; i++) {
    const text = base.text.replace('LOG_LEVEL: info', `LOG_LEVEL: level-${i}`);
    await client.change(uri, version++, text);
    const t = performance.now();
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: base.position });
    afterEdit.push(performance.now() - t);
  }
  console.log(line('first after an edit', afterEdit, 0).replace(' 0 items ', ' '));
  await client.stop();
}

export async function benchCompletion(): Promise<void> {
  await inProcess();
  await overStdio();
}

// Run on its own: `node scripts/run-ts.mjs scripts/bench/completion.ts`.
if (/[\\/]completion\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  benchCompletion().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
