/**
 * The OpenAPI formats of the generated Kubernetes schemas, without the ajv compiler: precompiled
 * validators (validators.js) need only these, so a process that never compiles a schema at run time
 * never loads ajv itself.
 */
import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Base64 as Go decodes it for []byte fields (Secret data): standard alphabet, padded, newlines ignored. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}

/** Format name → definition; run-time compiled and precompiled validators use these same objects. */
export const KUBERNETES_FORMATS: Readonly<Record<string, Format>> = {
  'date-time': fullFormats['date-time'],
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  byte: { type: 'string', validate: isBase64 },
};
