/** Resource quantities for the simulator: CPU in millicores, memory and storage in bytes. */
import { parseQuantity as parseExact, quantityText } from '../../core/model/quantity';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const cache = new Map<string, number | undefined>();

/** The value of a quantity in base units ("500m" → 0.5, "1Gi" → 1073741824), or undefined when malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = quantityText(value);
  if (text === undefined) return undefined;
  if (cache.has(text)) return cache.get(text);
  const q = parseExact(text);
  const result = q === undefined ? undefined : Number(q.nanos) / 1e9;
  if (cache.size < 10_000) cache.set(text, result);
  return result;
}

export function milliCpu(value: unknown): number {
  const q = parseQuantity(value);
  return q === undefined ? 0 : Math.ceil(q * 1000 - 1e-9);
}

export function bytes(value: unknown): number {
  const q = parseQuantity(value);
  return q === undefined ? 0 : Math.ceil(q - 1e-9);
}

/** Formats bytes the way the API prints capacities it computed ("16Gi", "512Mi", or plain bytes). */
export function formatBytes(value: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix];
    if (value >= unit && value % unit === 0) return `${value / unit}${suffix}`;
  }
  return String(value);
}
