import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzPipeline } from './pipelineFuzz';

/** A short budget for every `npm test`; `node scripts/run-ts.mjs scripts/fuzz.ts --seconds N` runs longer. */
const BUDGET_MS = Number(process.env.SHIPSHAPE_FUZZ_MS ?? 4000);
const SEED = Number(process.env.SHIPSHAPE_FUZZ_SEED ?? 20261124);
/** Generous: an operation this slow is a hang, not a slow machine. */
const HANG_MS = 10_000;

describe('pipeline fuzzing', () => {
  it('no exception escapes parsing, analysis, the workspace index, the editor features or maskSecret', async (t) => {
    const report = await fuzzPipeline({ budgetMs: BUDGET_MS, seed: SEED, limitMs: HANG_MS });
    t.diagnostic(
      `${report.runs} inputs from ${report.source} (seed ${report.seed}); slowest operation: ${report.slowest.operation} ${report.slowest.ms.toFixed(0)} ms`,
    );
    if (report.failure) {
      assert.fail(`${report.failure.message}\n--- input (${report.failure.input.length} characters) ---\n${report.failure.input.slice(0, 3000)}`);
    }
    assert.ok(report.runs >= 20, `only ${report.runs} inputs ran`);
  });
});
