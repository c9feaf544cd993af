/** Wall time one slice of a long apply may take before the server answers other requests. */
export const SLICE_BUDGET_MS = 25;
/** Wall time one chunk aims at: one call into the cluster and one journal record (its fsync costs a few ms). */
const CHUNK_TARGET_MS = 15;
/** Objects per chunk at most, and to start with before the cost per object is known. */
const MAX_CHUNK = 200;
const FIRST_CHUNK = 20;

export interface SliceControl {
  /** Checked before every chunk: true stops the work (what was done stays done). */
  isCancelled(): boolean;
  /** After each slice, with the number of items done so far. */
  onSlice?(done: number): void;
}

export interface SlicedResult<R> {
  results: R[];
  /** Items not processed because the work was cancelled (0 when it completed). */
  skipped: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `run` over `items` in chunks sized to take about CHUNK_TARGET_MS each, yielding to the event loop whenever a slice has used its time
 * budget, so that other requests (hover, completion, the panel) are answered during a long apply, and a
 * cancellation can arrive.
 */
export async function runInSlices<T, R>(items: readonly T[], run: (chunk: T[], offset: number) => R[], control: SliceControl): Promise<SlicedResult<R>> {
  const results: R[] = [];
  let sliceStart = Date.now();
  let chunk = FIRST_CHUNK;
  for (let offset = 0; offset < items.length;) {
    if (control.isCancelled()) return { results, skipped: items.length - offset };
    const started = performance.now();
    results.push(...run(items.slice(offset, offset + chunk), offset));
    const took = performance.now() - started;
    offset = Math.min(items.length, offset + chunk);
    // The next chunk's size follows the measured cost per object.
    chunk = Math.max(1, Math.min(MAX_CHUNK, Math.floor((CHUNK_TARGET_MS * chunk) / Math.max(took, 0.01))));
    if (offset < items.length && Date.now() - sliceStart >= SLICE_BUDGET_MS) {
      control.onSlice?.(offset);
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  return { results, skipped: 0 };
}
