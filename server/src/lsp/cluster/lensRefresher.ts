/**
 * At most two lens refreshes within this window (wall ms). VS Code waits 250 ms (375 ms when it runs
 * an extension under development) after a refresh before it asks for lenses, and a new refresh
 * restarts that wait: refreshes closer together than this would keep the lenses from ever updating
 * while the cluster keeps changing. Two are allowed so that a user's second action right after a
 * first one is not held back.
 */
export const LENS_REFRESH_WINDOW_MS = 500;
/** How often lens titles are re-checked at most while the cluster keeps changing (wall ms). */
export const LENS_CHECK_MS = 50;

export interface RefresherClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: RefresherClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Asks the editor to re-request code lenses (workspace/codeLens/refresh) when their titles changed.
 * The first change after a quiet period is checked at once (the next turn of the event loop), so a
 * lens follows a scale or an apply as fast as the editor allows; while the cluster keeps changing,
 * titles are checked every LENS_CHECK_MS and at most two refreshes go out per LENS_REFRESH_WINDOW_MS.
 */
export class LensRefresher {
  private timer: unknown;
  private last: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  /** When the last two refreshes were sent, the older first. */
  private refreshedAt: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];

  constructor(
    /** The titles the lenses of open documents would show now, as one string. */
    private readonly signature: () => string,
    private readonly refresh: () => void,
    private readonly clock: RefresherClock = realClock,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    const wait = Math.max(0, this.checkedAt + LENS_CHECK_MS - now);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, wait);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = this.clock.now();
    this.checkedAt = now;
    const signature = this.signature();
    if (signature === this.last) return;
    const gap = this.refreshedAt[0] + LENS_REFRESH_WINDOW_MS - now;
    if (gap > 0) {
      // Changed, but the editor is still waiting on the previous refresh: look again when it may.
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.check();
      }, gap);
      return;
    }
    this.last = signature;
    this.refreshedAt = [this.refreshedAt[1], now];
    this.refresh();
  }
}
