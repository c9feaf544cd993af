/**
 * Coalesces diagnostic work: a burst of edits to one document produces one computation, run on the
 * next turn of the event loop (so other requests are answered in between), and nothing is published for
 * a document that closed meanwhile.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Immediate | undefined;
  private held = false;

  constructor(
    private readonly run: (uri: string) => void,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    if (!this.timer && !this.held) this.timer = setImmediate(() => this.flush());
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
    if (this.pending.size > 0 && !this.timer) this.timer = setImmediate(() => this.flush());
  }

  cancel(uri: string): void {
    this.pending.delete(uri);
  }

  private flush(): void {
    this.timer = undefined;
    const [uri] = this.pending;
    if (uri === undefined) return;
    this.pending.delete(uri);
    if (this.isOpen(uri)) {
      try {
        this.run(uri);
      } catch (err) {
        process.stderr.write(`shipshape: diagnostics failed for ${uri}: ${(err as Error).stack ?? err}\n`);
      }
    }
    // One document per turn: requests queued meanwhile are served before the next one.
    if (this.pending.size > 0) this.timer = setImmediate(() => this.flush());
  }
}
