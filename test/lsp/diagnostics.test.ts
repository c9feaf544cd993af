import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspHarness } from './harness';

describe('language server diagnostics over LSP', () => {
  let lsp: LspHarness;
  before(async () => {
    lsp = new LspHarness();
    const init = await lsp.initialize();
    assert.equal(init.serverInfo?.name, 'shipshape-language-server');
  });
  after(() => lsp.dispose());

  it('publishes yaml-syntax and duplicate-key diagnostics with source shipshape', async () => {
    const uri = 'file:///ws/broken.yaml';
    const waiting = lsp.waitForDiagnostics(uri);
    await lsp.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata: {x: [\n');
    const diagnostics = await waiting;
    const codes = diagnostics.map((d) => d.code).sort();
    assert.ok(codes.includes('duplicate-key'), JSON.stringify(diagnostics));
    assert.ok(codes.includes('yaml-syntax'));
    assert.ok(diagnostics.every((d) => d.source === 'shipshape'));
    const dup = diagnostics.find((d) => d.code === 'duplicate-key');
    assert.deepEqual(dup?.range.start, { line: 4, character: 2 });
  });

  it('re-publishes after an edit fixes the problem', async () => {
    const uri = 'file:///ws/fixed.yaml';
    const first = lsp.waitForDiagnostics(uri);
    await lsp.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    assert.equal((await first).length, 1);
    const second = lsp.waitForDiagnostics(uri);
    await lsp.change(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 2);
    assert.deepEqual(await second, []);
  });

  it('gives no diagnostics at all to YAML that is not a Kubernetes manifest', async () => {
    const uri = 'file:///ws/.github/workflows/ci.yaml';
    const waiting = lsp.waitForDiagnostics(uri);
    await lsp.open(uri, 'on:\n  push:\njobs:\n  build: {runs-on: [\n');
    assert.deepEqual(await waiting, []);
  });
});
