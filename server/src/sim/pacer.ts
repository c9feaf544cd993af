import type { SimulationCore } from './simulation';

/** The timer functions the pacer uses; inject fakes in tests, or the host's (setInterval, Date.now). */
export interface PacerTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Wall-clock milliseconds. */
  now(): number;
}

export interface PacerOptions {
  /** Virtual milliseconds per wall millisecond. Default 1 (real time). */
  speed?: number;
  /** How often the clock advances, wall milliseconds. Default 100. */
  tickMs?: number;
}

/**
 * Drives a simulation in (scaled) real time for an interactive view: every tick advances virtual time
 * by the elapsed wall time × speed. Pause, resume, step and speed changes take effect at once.
 */
export class Pacer {
  private handle: unknown;
  private lastWall = 0;
  private speedValue: number;
  private readonly tickMs: number;

  constructor(private readonly sim: SimulationCore, private readonly timers: PacerTimers, options: PacerOptions = {}) {
    this.speedValue = options.speed ?? 1;
    this.tickMs = options.tickMs ?? 100;
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  get speed(): number {
    return this.speedValue;
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('speed must be positive');
    this.advance();
    this.speedValue = speed;
  }

  resume(): void {
    if (this.handle !== undefined) return;
    this.lastWall = this.timers.now();
    this.handle = this.timers.setInterval(() => this.advance(), this.tickMs);
  }

  pause(): void {
    if (this.handle === undefined) return;
    this.advance();
    this.timers.clearInterval(this.handle);
    this.handle = undefined;
  }

  /** While paused: jumps to the next scheduled instant and processes it. Returns false when nothing is scheduled. */
  step(): boolean {
    if (this.running) this.pause();
    return this.sim.step();
  }

  private advance(): void {
    if (this.handle === undefined) return;
    const now = this.timers.now();
    const elapsed = now - this.lastWall;
    this.lastWall = now;
    if (elapsed > 0) this.sim.runFor(Math.round(elapsed * this.speedValue));
  }
}
