/** The virtual clock as the toolbar shows it. */
import type { ClockState } from '../../../../server/src/lsp/protocol';
import { formatElapsed } from '../../../../server/src/sim/util/time';

export { formatElapsed };

export const SPEED_CHOICES: { speed: number; label: string }[] = [
  { speed: 1, label: '1×' },
  { speed: 5, label: '5×' },
  { speed: 20, label: '20×' },
  { speed: 0, label: 'max' },
];

/** Step sizes; 0 advances to the next scheduled instant (the next thing that happens). */
export const STEP_CHOICES: { ms: number; label: string }[] = [
  { ms: 0, label: 'next' },
  { ms: 1000, label: '1s' },
  { ms: 10_000, label: '10s' },
  { ms: 60_000, label: '1m' },
  { ms: 600_000, label: '10m' },
];

/** The virtual date and time, UTC, to the second: "2025-01-01 00:05:32Z". */
export function formatVirtualDate(clock: ClockState, time = clock.time): string {
  return new Date(Math.floor((clock.epoch + time) / 1000) * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z');
}

export function speedLabel(speed: number): string {
  return SPEED_CHOICES.find((s) => s.speed === speed)?.label ?? `${speed}×`;
}

/**
 * The time to show between deltas: the last reported time plus the wall time since, scaled by the
 * speed. Paused clocks and "max" speed show the reported time.
 */
export function interpolatedTime(clock: ClockState, wallMsSinceReport: number): number {
  if (clock.paused || clock.speed <= 0) return clock.time;
  return clock.time + Math.max(0, wallMsSinceReport) * clock.speed;
}
