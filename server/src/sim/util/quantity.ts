/** Resource quantities: CPU in millicores, memory and storage in bytes. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a quantity in base units ("500m" → 0.5, "1Gi" → 1073741824), or undefined when malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1] + (match[2] ?? ''));
  const suffix = match[3] ?? '';
  if (suffix in BINARY) return number * BINARY[suffix];
  return number * DECIMAL[suffix];
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
