import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LENS_CHECK_MS, LENS_REFRESH_WINDOW_MS, LensRefresher, type RefresherClock } from '../../server/src/lsp/cluster/lensRefresher';

/** A manual clock: timers fire only when `advance` passes their time. */
class ManualClock implements RefresherClock {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}

describe('LensRefresher', () => {
  it('refreshes on the next turn after a change that follows a quiet period', () => {
    const clock = new ManualClock();
    let title = 'a';
    const refreshes: number[] = [];
    const refresher = new LensRefresher(
      () => title,
      () => refreshes.push(clock.time),
      clock,
    );
    clock.advance(10_000);
    title = 'b';
    refresher.schedule();
    clock.advance(0);
    assert.deepEqual(refreshes, [10_000]);
    refresher.schedule();
    clock.advance(1000);
    assert.deepEqual(refreshes, [10_000], 'no refresh when the titles did not change');
  });

  it('under constant change sends at most two refreshes per window, and never stops sending', () => {
    const clock = new ManualClock();
    let version = 0;
    const refreshes: number[] = [];
    const refresher = new LensRefresher(
      () => String(version),
      () => refreshes.push(clock.time),
      clock,
    );
    for (let t = 0; t < 5000; t += 10) {
      version++;
      refresher.schedule();
      clock.advance(10);
    }
    for (let i = 2; i < refreshes.length; i++) {
      assert.ok(refreshes[i] - refreshes[i - 2] >= LENS_REFRESH_WINDOW_MS, `refreshes at ${refreshes.slice(i - 2, i + 1).join(', ')}`);
    }
    assert.ok(refreshes.length >= (2 * 5000) / LENS_REFRESH_WINDOW_MS - 2, `only ${refreshes.length} refreshes in 5 s`);
    for (let i = 1; i < refreshes.length; i++) assert.ok(refreshes[i] - refreshes[i - 1] >= LENS_CHECK_MS, 'titles are checked at most every LENS_CHECK_MS');
  });
});
