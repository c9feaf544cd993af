/**
 * Runs long work in time slices: a step generator (parseFileSteps, analyzeFileSteps) is driven until a
 * slice's time budget is spent, then the event loop gets a turn (setImmediate) so that other requests
 * are answered, and the work resumes — or stops, when a newer version made it pointless.
 */
import { performance } from 'node:perf_hooks';

export interface SliceOptions {
  /** Longest stretch of work between two turns of the event loop, in milliseconds. */
  budgetMs?: number;
  /** Checked at every turn: true abandons the work (the caller gets undefined). */
  isStale?: () => boolean;
}

export const DEFAULT_SLICE_BUDGET_MS = 25;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The generator's result, or undefined when `isStale` reported the work obsolete. */
export async function runInSlices<T>(steps: Generator<void, T>, options: SliceOptions = {}): Promise<T | undefined> {
  const budget = options.budgetMs ?? DEFAULT_SLICE_BUDGET_MS;
  if (options.isStale?.()) return undefined;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= budget) {
      await nextTurn();
      if (options.isStale?.()) {
        steps.return(undefined as T);
        return undefined;
      }
      sliceStart = performance.now();
    }
  }
}
