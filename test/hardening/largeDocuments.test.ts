import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { runInSlices } from '../../server/src/core/service/slices';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import { DiagnosticsScheduler } from '../../server/src/lsp/diagnosticsScheduler';
import { isLargeText, SLICED_TEXT_LENGTH } from '../../server/src/lsp/largeDocuments';
import { manifestText } from '../../scripts/bench/generate';
import { openAndWait, startedServer } from './helpers';

const URI = 'file:///ws/big.yaml';
/** More than SLICED_TEXT_LENGTH characters of manifests, ending with a document that has a schema error. */
const BIG = `${manifestText(800, 'big').text}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: big\n  lables: {}\n`;
const messageOf = (d: { message: string | { value: string } }): string => (typeof d.message === 'string' ? d.message : d.message.value);

const service = (): LanguageService => new LanguageService(createDefaultEnvironment(), createWorkspaceModel());

function* counter(limit: number): Generator<void, number> {
  for (let i = 0; i < limit; i++) yield;
  return limit;
}

describe('huge documents are handled in time slices', () => {
  it('the generated file is large enough to be sliced', () => {
    assert.ok(isLargeText(BIG), `${BIG.length} characters ≥ ${SLICED_TEXT_LENGTH}`);
  });

  it('runInSlices gives the event loop a turn between slices and stops when the work is stale', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      assert.equal(await runInSlices(counter(50), { budgetMs: 0 }), 50);
      assert.ok(turns > 0, 'timers ran meanwhile');
      let checks = 0;
      assert.equal(await runInSlices(counter(50), { budgetMs: 0, isStale: () => ++checks > 3 }), undefined);
      assert.equal(checks, 4);
    } finally {
      clearInterval(ticker);
    }
  });

  it('sliced parsing and analysis give exactly what the synchronous path gives', async () => {
    const sliced = service();
    const plain = service();
    assert.ok(await sliced.updateSliced(URI, BIG, 1, { budgetMs: 1 }));
    plain.update(URI, BIG, 1);
    const expected = plain.diagnostics(URI);
    assert.ok(expected.length > 0);
    assert.deepEqual(await sliced.diagnosticsSliced(URI, { budgetMs: 1 }), expected);
    // An edit: the sliced path reuses unchanged documents like the synchronous one.
    const edited = BIG.replace('replicas: 1', 'replicas: "one"');
    await sliced.updateSliced(URI, edited, 2, { budgetMs: 1 });
    plain.update(URI, edited, 2);
    assert.deepEqual(await sliced.diagnosticsSliced(URI, { budgetMs: 1 }), plain.diagnostics(URI));
  });

  it('a sliced update overtaken by a newer version changes nothing', async () => {
    const s = service();
    s.update(URI, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: small}\n', 1);
    let stale = false;
    const pending = s.updateSliced(URI, BIG, 2, { budgetMs: 0, isStale: () => stale });
    stale = true;
    assert.equal(await pending, undefined);
    assert.equal(s.get(URI)?.file.version, 1);
  });

  it('a sliced analysis overtaken by an edit resolves undefined', async () => {
    const s = service();
    s.update(URI, BIG, 1);
    const pending = s.diagnosticsSliced(URI, { budgetMs: 0 });
    s.update(URI, BIG.replace('replicas: 1', 'replicas: 2'), 2);
    assert.equal(await pending, undefined);
  });

  it('the scheduler serves other documents while one is analyzed asynchronously', async () => {
    const order: string[] = [];
    let finishBig!: () => void;
    const scheduler = new DiagnosticsScheduler(
      (uri) => {
        order.push(`start ${uri}`);
        if (uri !== 'big') return;
        return new Promise<void>((resolve) => {
          finishBig = () => {
            order.push('end big');
            resolve();
          };
        });
      },
      () => true,
    );
    scheduler.schedule('big');
    await new Promise((r) => setImmediate(r));
    scheduler.schedule('small');
    scheduler.schedule('big'); // waits for the running analysis of the same document
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ['start big', 'start small']);
    finishBig();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ['start big', 'start small', 'end big', 'start big']);
  });

  it('over LSP, quick edits of a huge file end with the diagnostics of the last version', async () => {
    const lsp = await startedServer();
    try {
      await openAndWait(lsp, URI, BIG);
      const last = lsp.waitForDiagnostics(URI, (d) => d.some((x) => messageOf(x).includes('"Three"')));
      await lsp.change(URI, BIG.replace('pathType: Prefix', 'pathType: Two'), 2);
      await lsp.change(URI, BIG.replace('pathType: Prefix', 'pathType: Three'), 3);
      const final = await last;
      assert.ok(!final.some((x) => messageOf(x).includes('"Two"')), 'nothing of version 2 remains');
      assert.ok(
        final.some((x) => messageOf(x).startsWith("Unknown field 'lables'")),
        'the last document is checked',
      );
    } finally {
      await lsp.dispose();
    }
  });
});
