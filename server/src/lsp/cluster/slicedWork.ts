/** Wall time one slice of a long apply may take before the server answers other requests. */
export const SLICE_BUDGET_MS = 25;
/** Objects handed to the cluster at once (one journal record each time). */
export const CHUNK_OBJECTS = 50;

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
 * Runs `run` over `items` in chunks, yielding to the event loop whenever a slice has used its time
 * budget, so that other requests (hover, completion, the panel) are answered during a long apply, and a
 * cancellation can arrive.
 */
export async function runInSlices<T, R>(items: readonly T[], run: (chunk: T[], offset: number) => R[], control: SliceControl): Promise<SlicedResult<R>> {
  const results: R[] = [];
  let sliceStart = Date.now();
  for (let offset = 0; offset < items.length; offset += CHUNK_OBJECTS) {
    if (control.isCancelled()) return { results, skipped: items.length - offset };
    results.push(...run(items.slice(offset, offset + CHUNK_OBJECTS), offset));
    const done = Math.min(items.length, offset + CHUNK_OBJECTS);
    if (done < items.length && Date.now() - sliceStart >= SLICE_BUDGET_MS) {
      control.onSlice?.(done);
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  return { results, skipped: 0 };
}
