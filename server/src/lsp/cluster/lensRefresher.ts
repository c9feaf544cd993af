/** How often lens titles are re-checked after the cluster changed (wall ms). */
export const LENS_REFRESH_MS = 300;

/**
 * Asks the editor to re-request code lenses (workspace/codeLens/refresh) when their titles changed,
 * at most every LENS_REFRESH_MS: the cluster may change thousands of times per second, the lens
 * titles (statuses) much less often.
 */
export class LensRefresher {
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;

  constructor(
    /** The titles the lenses of open documents would show now, as one string. */
    private readonly signature: () => string,
    private readonly refresh: () => void,
    private readonly intervalMs = LENS_REFRESH_MS,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = this.signature();
    if (now === this.last) return;
    this.last = now;
    this.refresh();
  }
}
