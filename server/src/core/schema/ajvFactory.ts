import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Base64 as Go decodes it for []byte fields (Secret data): standard alphabet, padded, newlines ignored. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}

/** Vendor extensions kept in the generated schemas; they only annotate (no validation). */
const ANNOTATION_KEYWORDS = ['x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-group-version-kind'];

/**
 * An ajv instance set up for the generated Kubernetes schemas: all errors, strict schemas, union
 * types, the OpenAPI formats and the kept x-kubernetes-* keywords. One instance per Kubernetes version.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv, ['date-time']);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('byte', { type: 'string', validate: isBase64 });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'boolean', 'object'] });
  return ajv;
}
