/** `shipshape check -`: one file from standard input, as `helm template … | shipshape check -` sends it. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { FIXTURES } from './runCli';

const BROKEN =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n';

async function checkStdin(text: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: FIXTURES,
    readStdin: () => Promise.resolve(text),
  });
  return { code, stdout, stderr };
}

describe('shipshape check -', () => {
  it('checks standard input and reports it as <stdin>', async () => {
    const r = await checkStdin(BROKEN, ['-']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:5:13 error spec\.replicas: Invalid value: -1: must be greater than or equal to 0 \[invalid-value\]$/m);
  });

  it('names the input after --stdin-filename, which also decides how it is read', async () => {
    const named = await checkStdin(BROKEN, ['-', '--stdin-filename', 'deploy/web.yaml', '--format', 'json']);
    const report = JSON.parse(named.stdout) as { diagnostics: { file: string; code: string }[] };
    assert.deepEqual(
      report.diagnostics.map((d) => [d.file, d.code]),
      [['deploy/web.yaml', 'invalid-value']],
    );
    // Under a chart's templates/ folder the same text is a Helm template, skipped as it would be on disk.
    const templated = `${BROKEN}# {{ x }}\n`;
    assert.equal((await checkStdin(templated, ['-'])).code, 1);
    const template = await checkStdin(templated, ['-', '--stdin-filename', 'chart/templates/web.yaml']);
    assert.equal(template.code, 0, template.stdout);
  });

  it('checks standard input together with paths', async () => {
    const r = await checkStdin(BROKEN, ['-', 'check/broken.yaml', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: { file: string }[]; summary: { files: number } };
    assert.equal(report.summary.files, 2);
    assert.deepEqual([...new Set(report.diagnostics.map((d) => d.file))], ['<stdin>', 'check/broken.yaml']);
  });

  it('refuses a second - and --stdin-filename without -', async () => {
    assert.equal((await checkStdin('', ['-', '-'])).code, 2);
    const r = await checkStdin('', ['check/app.yaml', '--stdin-filename', 'x.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--stdin-filename needs - among the paths/);
  });

  it('reads a pipe in a real process', async () => {
    const entry = resolve(__dirname, '../../server/src/cli/main.js');
    const child = spawn(process.execPath, [entry, 'check', '-', '--format', 'json'], { cwd: FIXTURES, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stdin.end(BROKEN);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { summary: { errors: number; resources: number } };
    assert.deepEqual([report.summary.errors, report.summary.resources], [1, 1]);
  });
});
