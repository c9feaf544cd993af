/** meta/v1 Status objects with the API server's reasons, codes and texts. */

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A request that ends in a Status (thrown by handlers, turned into the response by the server). */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) status.details = this.details;
    return status;
  }
}

export interface Target {
  /** "deployments" */
  resource: string;
  /** "apps" ("" for core) */
  group: string;
  kind: string;
  name?: string;
}

function qualifiedOf(t: Target): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

function kindDetails(t: Target, causes?: StatusCause[]): StatusDetails {
  const details: StatusDetails = { name: t.name, group: t.group || undefined, kind: t.resource };
  if (causes) details.causes = causes;
  return details;
}

export function notFound(t: Target): ApiFailure {
  return new ApiFailure(404, 'NotFound', `${qualifiedOf(t)} "${t.name ?? ''}" not found`, kindDetails(t));
}

export function alreadyExists(t: Target): ApiFailure {
  return new ApiFailure(409, 'AlreadyExists', `${qualifiedOf(t)} "${t.name ?? ''}" already exists`, kindDetails(t));
}

export function conflict(t: Target, detail: string, causes?: StatusCause[]): ApiFailure {
  return new ApiFailure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedOf(t)} "${t.name ?? ''}": ${detail}`, kindDetails(t, causes));
}

export function badRequest(message: string): ApiFailure {
  return new ApiFailure(400, 'BadRequest', message);
}

export function forbidden(t: Target, detail: string): ApiFailure {
  const what = t.name ? `${qualifiedOf(t)} "${t.name}"` : qualifiedOf(t);
  return new ApiFailure(403, 'Forbidden', `${what} is forbidden: ${detail}`, kindDetails(t));
}

export function methodNotAllowed(): ApiFailure {
  return new ApiFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unsupportedMediaType(contentType: string): ApiFailure {
  return new ApiFailure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType || 'none'})`,
  );
}

export function gone(message: string): ApiFailure {
  return new ApiFailure(410, 'Expired', message);
}

/** The field errors of an "is invalid" rejection as Status causes ("spec.replicas: Invalid value: -1: …"). */
export function invalid(t: Target, qualifiedKind: string, errors: string[]): ApiFailure {
  const causes = errors.map(causeOf);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return new ApiFailure(422, 'Invalid', `${qualifiedKind} "${t.name ?? ''}" is invalid: ${body}`, {
    name: t.name,
    group: t.group || undefined,
    kind: t.kind,
    causes,
  });
}

const CAUSE_TYPES: [string, string][] = [
  ['Required value', 'FieldValueRequired'],
  ['Invalid value', 'FieldValueInvalid'],
  ['Unsupported value', 'FieldValueNotSupported'],
  ['Forbidden', 'FieldValueForbidden'],
  ['Duplicate value', 'FieldValueDuplicate'],
  ['Too long', 'FieldValueTooLong'],
  ['Too many', 'FieldValueTooMany'],
];

/** "spec.x: Invalid value: 1: detail" → { field: "spec.x", reason: FieldValueInvalid, message: "Invalid value: 1: detail" }. */
export function causeOf(error: string): StatusCause {
  for (const [text, reason] of CAUSE_TYPES) {
    const at = error.indexOf(`: ${text}`);
    if (at > 0) return { reason, message: error.slice(at + 2), field: error.slice(0, at) };
  }
  const colon = error.indexOf(': ');
  if (colon > 0 && !error.slice(0, colon).includes(' ')) return { reason: 'FieldValueInvalid', message: error.slice(colon + 2), field: error.slice(0, colon) };
  return { reason: 'FieldValueInvalid', message: error };
}

export function success(details?: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
