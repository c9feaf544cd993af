import Ajv, { type Options } from 'ajv';
import { KUBERNETES_FORMATS } from './kubernetesFormats';

export { isBase64, KUBERNETES_FORMATS } from './kubernetesFormats';

/** Vendor extensions kept in the generated schemas; they only annotate (no validation). */
export const ANNOTATION_KEYWORDS = [
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-group-version-kind',
];

/** The ajv options every Kubernetes validator is compiled with (at run time and for validators.js). */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true };

/**
 * An ajv instance set up for the generated Kubernetes schemas: all errors, strict schemas, union
 * types, the OpenAPI formats and the kept x-kubernetes-* keywords. One instance per Kubernetes version.
 */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) ajv.addFormat(name, format);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'boolean', 'object'] });
  return ajv;
}
