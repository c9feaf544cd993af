/**
 * CronJob schedules, checked the way the API server does: the standard 5-field parser of
 * robfig/cron v3 (minute, hour, day of month, month, day of week; names; ranges; steps; `?`;
 * descriptors such as `@daily` and `@every 1h`), with the same error texts. `TZ=`/`CRON_TZ=` prefixes
 * parse but are then rejected by CronJob validation in favour of `spec.timeZone`.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Go's time.ParseDuration syntax: a sequence of decimal numbers with unit suffixes. */
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

class CronError extends Error {}

/** Go's strconv.Atoi, with its error text. */
function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  const n = atoi(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

function checkRange(expr: string, bounds: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], bounds.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new CronError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

function checkDescriptor(spec: string): void {
  if (DESCRIPTORS.has(spec)) return;
  const every = '@every ';
  if (spec.startsWith(every)) {
    const duration = spec.slice(every.length);
    if (!GO_DURATION.test(duration)) throw new CronError(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(duration)}`);
    return;
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

/** Go's strings.Fields: split on runs of white space. */
function fields(text: string): string[] {
  return text.split(/\s+/).filter((f) => f.length > 0);
}

/**
 * The parser's error for a schedule, or undefined when it parses. A leading `TZ=`/`CRON_TZ=` is
 * accepted here (robfig/cron accepts it); callers reject it separately as the API server does.
 */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule;
  try {
    if (spec.length === 0) throw new CronError('empty spec string');
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const space = spec.indexOf(' ');
      const zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? spec.length : space);
      if (space < 0 || !isKnownTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
      spec = spec.slice(space).trim();
    }
    if (spec.startsWith('@')) {
      checkDescriptor(spec);
      return undefined;
    }
    const parts = fields(spec);
    if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
    parts.forEach((part, i) => {
      for (const expr of part.split(',').filter((e) => e.length > 0)) checkRange(expr, FIELDS[i]);
    });
    return undefined;
  } catch (err) {
    if (err instanceof CronError) return err.message;
    throw err;
  }
}

/** True when the schedule carries a time zone prefix, which CronJob validation rejects. */
export function scheduleMentionsTimeZone(schedule: string): boolean {
  return schedule.includes('TZ');
}

const VALID_TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * True when the IANA time zone database (as shipped with Node's ICU) knows the zone. Go looks zones
 * up by file name, so a zone that ICU only finds by ignoring case (`utc`, `europe/paris`) is unknown.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
}

/** CronJob `spec.timeZone` errors, worded as the API server words them. */
export function timeZoneError(zone: string): string | undefined {
  if (zone.length === 0) return 'timeZone must be nil or non-empty string';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TIME_ZONE_PART.test(part)) return `unknown time zone ${zone}`;
  }
  if (zone.toLowerCase() === 'local') return 'timezone must be an explicit time zone name, not "Local"';
  if (!isKnownTimeZone(zone)) return `unknown time zone ${zone}`;
  return undefined;
}
