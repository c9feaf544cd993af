import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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

  it('links every diagnostic to its rule page, which exists in docs/rules', async () => {
    const uri = 'file:///ws/linked.yaml';
    const waiting = lsp.waitForDiagnostics(uri);
    await lsp.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web}\nspec:\n  replcas: 2\n');
    const diagnostics = await waiting;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['invalid-value', 'schema', 'schema', 'schema']);
    for (const d of diagnostics) {
      const href = d.codeDescription?.href ?? '';
      assert.equal(href, `https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/${String(d.code)}.md`);
      assert.ok(existsSync(resolve(__dirname, '../../../docs/rules', `${String(d.code)}.md`)), href);
    }
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
