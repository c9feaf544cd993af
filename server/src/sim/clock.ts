/**
 * The virtual clock and the discrete-event queue. Timers are plain data ({at, type, key, data}) so the
 * whole queue can be exported and restored; the engine dispatches them by `type`.
 */

export interface Timer {
  at: number;
  seq: number;
  type: string;
  key: string;
  data?: unknown;
}

export class TimerQueue {
  private heap: Timer[] = [];
  private seq = 0;
  /** type|key → seq of the live timer, for timers scheduled with `replace`. */
  private live = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  /**
   * Schedules a timer. With `unique`, an earlier timer of the same type and key is superseded: only the
   * most recent one fires.
   */
  schedule(at: number, type: string, key: string, data?: unknown, unique = false): void {
    const timer: Timer = { at, seq: this.seq++, type, key, data };
    if (unique) this.live.set(`${type}|${key}`, timer.seq);
    this.push(timer);
  }

  cancel(type: string, key: string): void {
    this.live.set(`${type}|${key}`, -1);
  }

  /** Time of the next live timer, or undefined. */
  peekTime(): number | undefined {
    this.dropDead();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  pop(): Timer | undefined {
    this.dropDead();
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    const id = `${top.type}|${top.key}`;
    if (this.live.get(id) === top.seq) this.live.delete(id);
    return top;
  }

  export(): { seq: number; timers: Timer[] } {
    this.dropAllDead();
    return { seq: this.seq, timers: [...this.heap].sort(compare).map((t) => ({ ...t })) };
  }

  import(state: { seq: number; timers: Timer[] }): void {
    this.heap = [];
    this.live.clear();
    this.seq = state.seq;
    for (const t of state.timers) this.push({ ...t });
  }

  private isDead(t: Timer): boolean {
    const live = this.live.get(`${t.type}|${t.key}`);
    return live !== undefined && live !== t.seq;
  }

  private dropDead(): void {
    while (this.heap.length > 0 && this.isDead(this.heap[0])) {
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.down(0);
      }
    }
  }

  private dropAllDead(): void {
    const keep = this.heap.filter((t) => !this.isDead(t));
    if (keep.length !== this.heap.length) {
      this.heap = [];
      for (const t of keep) this.push(t);
    }
    for (const [id, seq] of this.live) if (seq === -1) this.live.delete(id);
  }

  private push(t: Timer): void {
    this.heap.push(t);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(this.heap[i], this.heap[parent]) >= 0) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && compare(this.heap[l], this.heap[m]) < 0) m = l;
      if (r < n && compare(this.heap[r], this.heap[m]) < 0) m = r;
      if (m === i) return;
      [this.heap[i], this.heap[m]] = [this.heap[m], this.heap[i]];
      i = m;
    }
  }
}

function compare(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
