import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorFeatures } from '../../server/src/core/features/editorFeatures';
import { LanguageService } from '../../server/src/core/service/languageService';
import { assertStillServing, HEALTHY, HEALTHY_URI, openAndWait, startedServer } from './helpers';

type Patchable = Record<string, unknown>;

/** Replaces a method with one that throws, for the duration of `run`. */
async function failing<T>(proto: object, method: string, run: () => Promise<T>): Promise<T> {
  const target = proto as Patchable;
  const original = target[method];
  target[method] = () => {
    throw new Error(`${method} broke`);
  };
  try {
    return await run();
  } finally {
    target[method] = original;
  }
}

const position = { textDocument: { uri: HEALTHY_URI }, position: { line: 1, character: 2 } };

describe('a failure in one feature does not take the server down', () => {
  for (const [method, request] of [
    ['hover', 'textDocument/hover'],
    ['completion', 'textDocument/completion'],
    ['definition', 'textDocument/definition'],
    ['references', 'textDocument/references'],
  ] as const) {
    it(`${request}: the failing request gets an empty answer or an error response; the others go on`, async () => {
      const lsp = await startedServer();
      try {
        await openAndWait(lsp, HEALTHY_URI, HEALTHY);
        const params = request === 'textDocument/references' ? { ...position, context: { includeDeclaration: true } } : position;
        await failing(EditorFeatures.prototype, method, async () => {
          const outcome = await lsp.request<unknown>(request, params).then(
            (value) => ({ value }),
            (error: { code?: number }) => ({ error }),
          );
          if ('value' in outcome)
            assert.ok(outcome.value === null || (Array.isArray(outcome.value) && outcome.value.length === 0), JSON.stringify(outcome.value));
          else assert.equal(typeof outcome.error.code, 'number', 'a JSON-RPC error response');
          // While it keeps failing, other requests are answered.
          const symbols = await lsp.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: HEALTHY_URI } });
          assert.ok(symbols.length > 0);
        });
        await assertStillServing(lsp, assert.ok);
      } finally {
        await lsp.dispose();
      }
    });
  }

  it('a failure while computing diagnostics publishes nothing for that version; the next edit is analyzed', async () => {
    const lsp = await startedServer();
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    try {
      process.stderr.write = ((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;
      await failing(LanguageService.prototype, 'diagnostics', async () => {
        await lsp.open(HEALTHY_URI, HEALTHY);
        // A request queued behind the failing computation is still answered.
        await lsp.request('textDocument/hover', position);
      });
      assert.ok(
        written.some((w) => w.includes(`diagnostics failed for ${HEALTHY_URI}: Error: diagnostics broke`)),
        written.join(''),
      );
      const next = lsp.waitForDiagnostics(HEALTHY_URI, (d) => d.length > 0);
      await lsp.change(HEALTHY_URI, HEALTHY.replace('LEVEL: info', 'LEVEL: debug'), 2);
      assert.equal((await next)[0].code, 'schema');
    } finally {
      process.stderr.write = write;
      await lsp.dispose();
    }
  });

  it('a failure while parsing an edit is logged; the previous version stays and the next edit is analyzed', async () => {
    const lsp = await startedServer();
    const logs: string[] = [];
    lsp.client.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    try {
      await openAndWait(lsp, HEALTHY_URI, HEALTHY);
      await failing(LanguageService.prototype, 'update', async () => {
        await lsp.change(HEALTHY_URI, HEALTHY.replace('info', 'warn'), 2);
        await lsp.request('textDocument/hover', position);
      });
      assert.ok(
        logs.some((m) => m.startsWith(`update of ${HEALTHY_URI} failed: Error: update broke`)),
        logs.join('\n'),
      );
      const next = lsp.waitForDiagnostics(HEALTHY_URI, (d) => d.length > 0);
      await lsp.change(HEALTHY_URI, HEALTHY.replace('info', 'debug'), 3);
      assert.equal((await next)[0].code, 'schema');
    } finally {
      await lsp.dispose();
    }
  });
});
