/** Text helpers shared by the describe writers: aligned keys, maps, kubectl's timestamps and ages. */
import { humanDuration } from '../../sim/util/duration';
import { parseTime } from '../../sim/util/time';

/** `Key:` padded to `width`, then the value, each line prefixed by `indent`. */
export function keyValues(out: string[], rows: readonly (readonly [string, string])[], indent: string, width: number): void {
  for (const [key, value] of rows) out.push(`${indent}${`${key}:`.padEnd(width)}${value}`.trimEnd());
}

/** `k=v` entries, one per line, continuation lines aligned under the first value; `<none>` when empty. */
export function mapLines(map: Record<string, string | number> | undefined, sep: string, width: number): string {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}${sep}${v}`).join(`\n${' '.repeat(width)}`);
}

export function withoutLastApplied(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const rest = { ...annotations };
  delete rest['kubectl.kubernetes.io/last-applied-configuration'];
  return rest;
}

/** kubectl's time format: "Wed, 01 Jan 2025 00:00:00 +0000". */
export function timestamp(value: string | undefined): string {
  const t = parseTime(value);
  return t === undefined ? '<unset>' : new Date(t).toUTCString().replace('GMT', '+0000');
}

export function age(value: string | undefined, now: number): string {
  const t = parseTime(value);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
