import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspHarness } from '../lsp/harness';

/** A small manifest with one schema error, to show that the server still works for ordinary files. */
export const HEALTHY_URI = 'file:///ws/healthy.yaml';
export const HEALTHY = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  lables: {app: web}\ndata:\n  LEVEL: info\n';

export async function startedServer(): Promise<LspHarness> {
  const lsp = new LspHarness();
  await lsp.initialize(null);
  return lsp;
}

/** Opens `text` and resolves with the first diagnostics published for it. */
export async function openAndWait(lsp: LspHarness, uri: string, text: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
  const published = lsp.waitForDiagnostics(uri, predicate);
  await lsp.open(uri, text);
  return published;
}

/**
 * The server still serves ordinary files: a healthy file gets its diagnostic (the misspelt field,
 * on its key), a hover answers and completion answers.
 */
export async function assertStillServing(lsp: LspHarness, assertOk: (value: unknown, message?: string) => void): Promise<void> {
  const diagnostics = await openAndWait(lsp, HEALTHY_URI, HEALTHY);
  assertOk(
    diagnostics.some((d) => d.message === "Unknown field 'lables' in ObjectMeta; did you mean 'labels'?" && d.range.start.line === 4),
    `diagnostics of a healthy file: ${JSON.stringify(diagnostics.map((d) => d.message))}`,
  );
  const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri: HEALTHY_URI }, position: { line: 1, character: 2 } });
  assertOk(hover !== null, 'hover on kind answers');
  const completion = await lsp.request<unknown>('textDocument/completion', { textDocument: { uri: HEALTHY_URI }, position: { line: 3, character: 2 } });
  assertOk(completion !== null, 'completion answers');
}
