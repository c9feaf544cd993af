/**
 * Long fuzzing runs of the whole language pipeline (see test/fuzz/pipelineFuzz.ts):
 *
 *   node scripts/run-ts.mjs scripts/fuzz.ts [--seconds N] [--seed S] [--limit-ms 1000]
 *
 * Stops at the first failure — an exception escaping any stage, or one operation using more CPU
 * time than --limit-ms — and writes the input to <tmp>/shipshape-fuzz/failure-<seed>.yaml. Exit status 1
 * on failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzPipeline } from '../test/fuzz/pipelineFuzz';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(): Promise<void> {
  const seconds = option('seconds', 60);
  const seed = option('seed', Date.now() % 1_000_000_000);
  const limitMs = option('limit-ms', 1000);
  console.log(`fuzzing for ${seconds} s, seed ${seed}, failing on any operation using over ${limitMs} ms of CPU time`);
  const report = await fuzzPipeline({ budgetMs: seconds * 1000, seed, limitMs });
  console.log(
    `${report.runs.toLocaleString('en-US')} inputs from ${report.source}; slowest operation: ${report.slowest.operation} ${report.slowest.ms.toFixed(0)} ms`,
  );
  if (report.failure) {
    const dir = join(tmpdir(), 'shipshape-fuzz');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `failure-${seed}.yaml`);
    writeFileSync(file, report.failure.input);
    console.error(`FAILURE after ${report.runs} inputs: ${report.failure.message}\ninput written to ${file}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
