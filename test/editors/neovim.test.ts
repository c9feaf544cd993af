/**
 * Shipshape in another editor: a headless Neovim (Debian's `neovim`, 0.7+) starts the stdio language
 * server from dist/ with its built-in LSP client and shows diagnostics, completion and a quick fix.
 * Skips loudly when nvim is missing, except under CI=true, where that is a failure.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../../..');
const SERVER = join(ROOT, 'dist', 'server.js');
const DRIVER = join(ROOT, 'test', 'editors', 'neovim.lua');
const hasNvim = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = hasNvim ? false : 'nvim is not installed (apt-get install neovim)';
if (skip && process.env.CI === 'true') throw new Error(`CI=true but ${skip}`);
if (skip) console.warn(`SKIPPED: Neovim tests — ${skip}`);

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replcas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

interface NeovimResult {
  steps: { name: string; ok: boolean; error: string | null }[];
  diagnostics?: { line: number; col: number; message: string; code: string | null }[];
  completion?: string[];
  action?: string;
  afterFix?: string[];
  commands?: string[] | null;
  executed?: unknown;
}

async function runNeovim(ws: string, file: string, command?: string): Promise<NeovimResult> {
  const out = join(ws, '.result.json');
  rmSync(out, { force: true });
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${DRIVER}`], {
    cwd: ws,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SHIPSHAPE_SERVER: SERVER,
      SHIPSHAPE_WS: ws,
      SHIPSHAPE_FILE: file,
      SHIPSHAPE_OUT: out,
      SHIPSHAPE_COMMAND: command ?? '',
      XDG_STATE_HOME: ws,
      XDG_DATA_HOME: ws,
    },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(killer);
  assert.ok(existsSync(out), `Neovim exited with ${code} and wrote no result; stderr: ${stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
}

describe('Neovim with the stdio language server', { skip }, () => {
  let ws: string;
  let result: NeovimResult;
  before(async () => {
    assert.ok(existsSync(SERVER), `${SERVER} exists (npm run build)`);
    ws = mkdtempSync(join(tmpdir(), 'shipshape-nvim-'));
    writeFileSync(join(ws, 'web.yaml'), MANIFEST);
    result = await runNeovim(ws, join(ws, 'web.yaml'));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('runs every step', () => {
    assert.deepEqual(
      result.steps.filter((s) => !s.ok),
      [],
    );
  });

  it('shows the diagnostic with its rule id on the misspelt field', () => {
    const typo = result.diagnostics?.find((d) => d.code === 'schema');
    assert.ok(typo, JSON.stringify(result.diagnostics));
    assert.deepEqual([typo.line, typo.col], [5, 2]);
    assert.match(typo.message, /replcas/);
  });

  it('completes container fields', () => {
    assert.ok(result.completion?.includes('ports'), JSON.stringify(result.completion));
    assert.ok(result.completion?.includes('resources'));
  });

  it('applies the quick fix and the diagnostic goes away', () => {
    assert.match(result.action ?? '', /replicas/);
    assert.ok(!(result.afterFix ?? []).some((m) => m.includes('replcas')), JSON.stringify(result.afterFix));
  });
});
