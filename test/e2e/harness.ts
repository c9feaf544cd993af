/** A tiny sequential test runner shared by the extension-host and UI suites, which both need one
 * expensive environment (a running VS Code) for all their tests. */

export interface E2eTest<Context> {
  name: string;
  /** Default 30 s. */
  timeoutMs?: number;
  run(context: Context): Promise<void>;
}

export interface TestOutcome {
  suite: string;
  name: string;
  passed: boolean;
  durationMs: number;
  error?: string;
}

export async function runTests<Context>(
  suite: string,
  tests: readonly E2eTest<Context>[],
  context: Context,
  onOutcome: (outcome: TestOutcome) => void = () => undefined,
): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const test of tests) {
    const started = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(test.run(context), test.timeoutMs ?? 30_000, `"${test.name}" timed out`);
    } catch (thrown) {
      error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    }
    const outcome: TestOutcome = { suite, name: test.name, passed: error === undefined, durationMs: Date.now() - started, ...(error ? { error } : {}) };
    outcomes.push(outcome);
    onOutcome(outcome);
  }
  return outcomes;
}

/** The tests whose name contains $SHIPSHAPE_E2E_GREP (all when it is unset). */
export function selectTests<Context>(tests: readonly E2eTest<Context>[]): E2eTest<Context>[] {
  const grep = process.env.SHIPSHAPE_E2E_GREP;
  return grep ? tests.filter((test) => test.name.includes(grep)) : [...tests];
}

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function formatOutcome(outcome: TestOutcome): string {
  const mark = outcome.passed ? 'ok  ' : 'FAIL';
  const line = `${mark} ${outcome.suite} › ${outcome.name} (${(outcome.durationMs / 1000).toFixed(1)} s)`;
  return outcome.error ? `${line}\n${indent(outcome.error)}` : line;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `       ${l}`)
    .join('\n');
}
