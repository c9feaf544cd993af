import { describeError } from './errorLog';

/**
 * Coalesces diagnostic work: a burst of edits to one document produces one computation, run on the
 * next turn of the event loop (so other requests are answered in between), and nothing is published for
 * a document that closed meanwhile. A computation may be asynchronous (huge files are analyzed in time
 * slices): other documents go on meanwhile, and the same document's next computation starts once it
 * has settled.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Immediate | undefined;
  private held = false;
  /** Documents whose asynchronous computation is in progress. */
  private readonly running = new Set<string>();

  constructor(
    private readonly run: (uri: string) => void | Promise<void>,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    this.wake();
  }

  private wake(): void {
    if (!this.timer && !this.held && this.next() !== undefined) this.timer = setImmediate(() => this.flush());
  }

  private next(): string | undefined {
    for (const uri of this.pending) if (!this.running.has(uri)) return uri;
    return undefined;
  }

  /**
   * Holds publishing (work is still collected) — used while the workspace is being indexed, so a file
   * opened early does not flash "missing ConfigMap" warnings that indexing would take back.
   */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.wake();
  }

  cancel(uri: string): void {
    this.pending.delete(uri);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.held) return;
    const uri = this.next();
    if (uri === undefined) return;
    this.pending.delete(uri);
    let result: void | Promise<void> = undefined;
    if (this.isOpen(uri)) {
      try {
        result = this.run(uri);
      } catch (err) {
        reportFailure(uri, err);
      }
    }
    if (result instanceof Promise) {
      this.running.add(uri);
      void result
        .catch((err: unknown) => reportFailure(uri, err))
        .finally(() => {
          this.running.delete(uri);
          this.wake();
        });
    }
    // One document per turn: requests queued meanwhile are served before the next one.
    this.wake();
  }
}

function reportFailure(uri: string, err: unknown): void {
  process.stderr.write(`shipshape: diagnostics failed for ${uri}: ${describeError(err)}\n`);
}
