import { fromWallClock, wallClock } from '../util/timeZone';

/** Standard 5-field cron schedules (robfig/cron ParseStandard), evaluated in UTC or an IANA time zone. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

function field(text: string, min: number, max: number, names?: string[]): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  const name = (s: string): number => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    if (i >= 0) return i + (names === MONTHS ? 1 : 0);
    const n = Number(s);
    if (!Number.isInteger(n)) throw new Error(`failed to parse int from ${s}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new Error(`failed to parse int from ${stepText}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = name(a);
      hi = name(b);
    } else {
      lo = name(range);
      hi = stepText === undefined ? lo : max;
    }
    if (lo < min || hi > max || lo > hi) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    for (let v = lo; v <= hi; v += step) values.add(v === 7 && names === DAYS ? 0 : v);
  }
  return { values, star: text === '*' || text === '?' };
}

/** robfig/cron's `TZ=Zone ` / `CRON_TZ=Zone ` prefix, split from the five fields. */
export function splitScheduleZone(text: string): { zone?: string; schedule: string } {
  const m = /^\s*(?:CRON_TZ|TZ)=(\S*)\s+(.*)$/.exec(text);
  return m ? { zone: m[1], schedule: m[2] } : { schedule: text };
}

/** Parses a schedule; throws with a robfig-style message when it is malformed. */
export function parseSchedule(text: string): Schedule {
  const expanded = MACROS[text.trim()] ?? text.trim();
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const dom = field(parts[2], 1, 31);
  const dow = field(parts[4], 0, 7, DAYS);
  return { minute: field(parts[0], 0, 59).values, hour: field(parts[1], 0, 23).values, dom: dom.values, month: field(parts[3], 1, 12, MONTHS).values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
}

/** The first scheduled time strictly after `after` (epoch ms), read on the clocks of `zone` (UTC when unset). */
export function nextTime(s: Schedule, after: number, zone?: string): number {
  if (zone && zone !== 'UTC') return nextZonedTime(s, after, zone);
  let t = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = after + 5 * 366 * 24 * 3_600_000;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.month.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    const domOk = s.dom.has(d.getUTCDate());
    const dowOk = s.dow.has(d.getUTCDay());
    const dayOk = s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      t += 60_000;
      continue;
    }
    return t;
  }
  return Infinity;
}

/** nextTime on a zone's wall clock: fields are read in the zone, and skips jump to the zone's next month, day or hour. */
function nextZonedTime(s: Schedule, after: number, zone: string): number {
  let t = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = after + 5 * 366 * 24 * 3_600_000;
  const jump = (next: number): number => (next > t ? next : t + 60_000);
  while (t <= limit) {
    const w = wallClock(zone, t);
    if (!s.month.has(w.month)) {
      t = jump(fromWallClock(zone, w.year, w.month, 1));
      continue;
    }
    const domOk = s.dom.has(w.day);
    const dowOk = s.dow.has(w.weekday);
    const dayOk = s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      t = jump(fromWallClock(zone, w.year, w.month - 1, w.day + 1));
      continue;
    }
    if (!s.hour.has(w.hour)) {
      t = jump(fromWallClock(zone, w.year, w.month - 1, w.day, w.hour + 1));
      continue;
    }
    if (!s.minute.has(w.minute)) {
      t += 60_000;
      continue;
    }
    return t;
  }
  return Infinity;
}
