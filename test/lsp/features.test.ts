import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Location,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, atCursor } from '../features/cursorText';
import { LspHarness } from './harness';

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  MODE: fast\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n';

/** Initializes like an editor with snippet support (the harness's own initialize declares none). */
async function initializeWithSnippets(lsp: LspHarness): Promise<InitializeResult> {
  const result = await lsp.client.sendRequest<InitializeResult>('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } }, workspace: { configuration: true } },
  });
  await lsp.client.sendNotification('initialized', {});
  return result;
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

describe('editor features over LSP', () => {
  let lsp: LspHarness;
  let capabilities: InitializeResult['capabilities'];
  before(async () => {
    lsp = new LspHarness();
    capabilities = (await initializeWithSnippets(lsp)).capabilities;
    await lsp.open('file:///ws/config.yaml', CONFIG);
  });
  after(() => lsp.dispose());

  it('announces completion, hover, quick fixes, navigation and symbols', () => {
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, [':']);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
  });

  it('completes schema keys as snippets at the cursor', async () => {
    const { text, position } = atCursor(POD + '      imagePull|\n');
    await lsp.open('file:///ws/keys.yaml', text);
    const list = items(await lsp.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: 'file:///ws/keys.yaml' }, position }));
    const item = list.find((i) => i.label === 'imagePullPolicy');
    assert.ok(item, list.map((i) => i.label).join(','));
    assert.equal(item.insertTextFormat, 2);
    assert.deepEqual(item.textEdit, {
      range: { start: { line: 8, character: 6 }, end: { line: 8, character: 15 } },
      newText: 'imagePullPolicy: ${1|Always,IfNotPresent,Never|}',
    });
  });

  it('completes ConfigMap names from other documents', async () => {
    const { text, position } = atCursor(POD + '      envFrom:\n        - configMapRef:\n            name: |\n');
    await lsp.open('file:///ws/refs.yaml', text);
    const list = items(await lsp.request('textDocument/completion', { textDocument: { uri: 'file:///ws/refs.yaml' }, position }));
    assert.deepEqual(
      list.map((i) => i.label),
      ['app-config'],
    );
    assert.equal(list[0].kind, 18);
  });

  it('completes a kind and writes its apiVersion', async () => {
    const { text, position } = atCursor('kind: Deploy|\n');
    await lsp.open('file:///ws/kind.yaml', text);
    const list = items(await lsp.request('textDocument/completion', { textDocument: { uri: 'file:///ws/kind.yaml' }, position }));
    const item = list.find((i) => i.label === 'Deployment');
    assert.ok(item?.textEdit && 'range' in item.textEdit);
    assert.equal(applyEdits(text, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]), 'apiVersion: apps/v1\nkind: Deployment\n');
  });

  it('hovers a field with its documentation', async () => {
    await lsp.open('file:///ws/hover.yaml', POD + '      imagePullPolicy: Always\n');
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///ws/hover.yaml' }, position: { line: 8, character: 8 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*imagePullPolicy\*\* · `string`/);
    assert.match(value, /Allowed values: `Always`, `IfNotPresent`, `Never`/);
    assert.deepEqual(hover.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 21 } });
  });

  it('offers quick fixes for published diagnostics', async () => {
    const uri = 'file:///ws/fix.yaml';
    const waiting = lsp.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'schema'));
    await lsp.open(uri, POD + '      imagePulPolicy: Always\n');
    const diagnostics = (await waiting).filter((d: Diagnostic) => d.code === 'schema');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change 'imagePulPolicy' to 'imagePullPolicy'", 'Disable schema for this line'],
    );
    assert.deepEqual(actions[0].edit?.changes?.[uri], [
      { range: { start: { line: 8, character: 6 }, end: { line: 8, character: 20 } }, newText: 'imagePullPolicy' },
    ]);
    assert.equal(actions[0].isPreferred, true);
  });

  it('goes to the definition of a reference and finds references of an object', async () => {
    await lsp.open('file:///ws/nav.yaml', POD + '      envFrom:\n        - configMapRef:\n            name: app-config\n');
    const defs = await lsp.request<Location[]>('textDocument/definition', {
      textDocument: { uri: 'file:///ws/nav.yaml' },
      position: { line: 10, character: 16 },
    });
    assert.deepEqual(defs, [{ uri: 'file:///ws/config.yaml', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } } }]);
    const refs = await lsp.request<Location[]>('textDocument/references', {
      textDocument: { uri: 'file:///ws/config.yaml' },
      position: { line: 3, character: 10 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      refs.map((r) => `${r.uri} ${r.range.start.line}`),
      ['file:///ws/nav.yaml 10'],
    );
  });

  it('outlines documents and finds workspace symbols', async () => {
    await lsp.open(
      'file:///ws/outline.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: example/api\n',
    );
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///ws/outline.yaml' } });
    assert.equal(symbols[0].name, 'Deployment api (shop)');
    assert.deepEqual(
      symbols[0].children?.map((c) => c.name),
      ['container api'],
    );
    const found = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'configmap' });
    assert.deepEqual(
      found.map((s) => s.name),
      ['ConfigMap app-config'],
    );
  });
});

describe('editor features for clients without snippet support', () => {
  let lsp: LspHarness;
  before(async () => {
    lsp = new LspHarness();
    await lsp.initialize();
  });
  after(() => lsp.dispose());

  it('inserts plain text', async () => {
    const { text, position } = atCursor('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  conta|\n');
    await lsp.open('file:///plain.yaml', text);
    const list = items(await lsp.request('textDocument/completion', { textDocument: { uri: 'file:///plain.yaml' }, position }));
    const item = list.find((i) => i.label === 'containers');
    assert.equal(item?.insertTextFormat, 1);
    assert.equal((item?.textEdit as TextEdit).newText, 'containers:\n    - ');
  });
});
