/** IANA time zones through Intl (Node ships the zone database): validity, wall-clock fields and offsets. */

const formatters = new Map<string, Intl.DateTimeFormat>();
let canonical: Set<string> | undefined;
let canonicalLower: Map<string, string> | undefined;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Go's time.LoadLocation error for a zone name, or undefined when the zone exists. Names are
 * case-sensitive, as they are file names in the zone database; "UTC" and "" mean UTC.
 */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return undefined;
  try {
    formatter(zone);
  } catch {
    return `unknown time zone ${zone}`;
  }
  if (!canonical) {
    canonical = new Set(Intl.supportedValuesOf('timeZone'));
    canonicalLower = new Map([...canonical].map((z) => [z.toLowerCase(), z]));
  }
  // Intl accepts any letter case; the zone database does not.
  const spelled = canonicalLower!.get(zone.toLowerCase());
  if (spelled !== undefined && spelled !== zone) return `unknown time zone ${zone}`;
  return undefined;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock reading in `zone` at the instant `ms`. */
export function wallClock(zone: string, ms: number): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The zone's offset from UTC at the instant `ms`, in ms (Asia/Kolkata: +19,800,000). */
export function zoneOffset(zone: string, ms: number): number {
  const w = wallClock(zone, ms);
  const seconds = Math.floor(ms / 1000) % 60;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, seconds) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the zone's clocks show the given wall time (Date.UTC-style fields, overflow allowed). */
export function fromWallClock(zone: string, year: number, monthIndex: number, day: number, hour = 0, minute = 0): number {
  const local = Date.UTC(year, monthIndex, day, hour, minute);
  const guess = local - zoneOffset(zone, local);
  return local - zoneOffset(zone, guess);
}

/** RFC 3339 with the zone's offset, as Go formats `t.In(loc).Format(time.RFC3339)` ("Z" for UTC). */
export function rfc3339InZone(zone: string, ms: number): string {
  const offset = zone === '' || zone === 'UTC' ? 0 : zoneOffset(zone, ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset).toISOString().replace('.000Z', '');
  if (offset === 0) return `${local}Z`;
  const minutes = Math.abs(offset) / 60_000;
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
