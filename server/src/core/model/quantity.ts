/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): parsing, exact comparison and
 * the canonical form the API server prints (`2000m` → `2`, `1024Mi` → `1Gi`, `0.5` → `500m`).
 * Values are held as exact integers of nano-units, rounded up like the API server rounds sub-nano values.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, rounded up. */
  nanos: bigint;
  format: QuantityFormat;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const DECIMAL_SUFFIX_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIXES: [number, string][] = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];
/** Exponents beyond this are not evaluated (the API server caps scales too); such values are left alone. */
const MAX_EXPONENT = 400;

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/** The text of a quantity as the decoder sees it: YAML numbers are read as their decimal text. */
export function quantityText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Parses a quantity like the API server's decoder (surrounding spaces ignored); undefined when the syntax is invalid. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const [intPart, fracPart = ''] = digits.split('.');
  let num = BigInt((intPart || '0') + fracPart);
  let den = pow10(fracPart.length);
  let format: QuantityFormat = 'DecimalSI';
  const binaryIndex = BINARY_SUFFIXES.indexOf(suffix);
  if (suffix !== '' && binaryIndex > 0) {
    format = 'BinarySI';
    num *= 1024n ** BigInt(binaryIndex);
  } else if (suffix in DECIMAL_SUFFIX_EXPONENT) {
    const e = DECIMAL_SUFFIX_EXPONENT[suffix];
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else if (suffix !== '') {
    format = 'DecimalExponent';
    const e = Number(suffix.slice(1));
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  }
  let nanos = ceilDiv(num * pow10(9), den);
  if (sign === '-') nanos = -nanos;
  return { nanos, format };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The canonical string the API server prints for a quantity. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const belowKi = q.nanos > -1024n * pow10(9) && q.nanos < 1024n * pow10(9);
    if (belowKi || q.nanos % pow10(9) !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = q.nanos / pow10(9);
    let index = 0;
    while (index < BINARY_SUFFIXES.length - 1 && value % 1024n === 0n) {
      value /= 1024n;
      index++;
    }
    return `${value}${BINARY_SUFFIXES[index]}`;
  }
  for (const [exponent, suffix] of DECIMAL_SUFFIXES) {
    const unit = pow10(exponent + 9);
    if (q.nanos % unit === 0n) {
      const mantissa = q.nanos / unit;
      if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
      return `${mantissa}${suffix}`;
    }
  }
  return `${q.nanos}n`;
}
