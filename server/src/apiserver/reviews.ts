import { canI, type AccessRequest } from '../sim/query/rbac';
import { isRecord } from '../sim/util/record';
import { json, type ApiResponse, type Identity, type RequestContext } from './context';
import type { ResourceRoute } from './router';
import { badRequest, forbidden } from './status';
import { targetOf } from './writes';

/** Authorization: the kubeconfig's user is a cluster admin; impersonated users (`--as`) go through RBAC. */

export const ADMIN: Identity = { user: 'shipshape-admin', groups: ['system:masters', 'system:authenticated'] };

const VERBS: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

export function verbOf(ctx: RequestContext, r: ResourceRoute): string {
  if (ctx.method === 'GET') {
    if (ctx.query.get('watch') === 'true' || ctx.query.get('watch') === '1') return 'watch';
    return r.name ? 'get' : 'list';
  }
  if (ctx.method === 'DELETE' && !r.name) return 'deletecollection';
  return VERBS[ctx.method] ?? ctx.method.toLowerCase();
}

/** Refuses the request with the API server's 403 text when the identity may not do it. */
export function authorize(ctx: RequestContext, r: ResourceRoute): void {
  if (ctx.identity.groups.includes('system:masters')) return;
  if (r.info.kind === 'SelfSubjectAccessReview' || r.info.kind === 'SelfSubjectRulesReview') return;
  const verb = verbOf(ctx, r);
  const request: AccessRequest = {
    user: ctx.identity.user,
    groups: ctx.identity.groups,
    verb,
    resource: r.subresource ? `${r.info.resource}/${r.subresource}` : r.info.resource,
    apiGroup: r.info.group,
    name: r.name,
    namespace: r.namespace,
  };
  const decision = canI(ctx.cluster.store, request);
  if (!decision.allowed)
    throw forbidden({ ...targetOf(r.info, r.name), resource: r.subresource ? `${r.info.resource}/${r.subresource}` : r.info.resource }, decision.reason);
}

/** SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview and SelfSubjectRulesReview. */
export function accessReview(ctx: RequestContext, r: ResourceRoute, body: unknown): ApiResponse {
  if (!isRecord(body) || !isRecord(body.spec)) throw badRequest(`${r.info.kind} in version "v1" cannot be handled as a ${r.info.kind}: spec is required`);
  const spec = body.spec;
  if (r.info.kind === 'SelfSubjectRulesReview') {
    return json(201, {
      ...body,
      apiVersion: 'authorization.k8s.io/v1',
      kind: r.info.kind,
      status: {
        resourceRules: [],
        nonResourceRules: [],
        incomplete: true,
        evaluationError: 'the simulated cluster does not list rules; ask about one action with kubectl auth can-i VERB RESOURCE',
      },
    });
  }
  const identity: Identity =
    r.info.kind === 'SubjectAccessReview' ? { user: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] } : ctx.identity;
  const attrs = isRecord(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nonResource = isRecord(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  const request: AccessRequest = nonResource
    ? { user: identity.user, groups: identity.groups, verb: String(nonResource.verb ?? ''), path: String(nonResource.path ?? '') }
    : {
        user: identity.user,
        groups: identity.groups,
        verb: String(attrs?.verb ?? ''),
        resource: attrs?.subresource ? `${String(attrs.resource ?? '')}/${String(attrs.subresource)}` : String(attrs?.resource ?? ''),
        apiGroup: String(attrs?.group ?? ''),
        name: attrs?.name ? String(attrs.name) : undefined,
        namespace: attrs?.namespace ? String(attrs.namespace) : undefined,
      };
  const decision = canI(ctx.cluster.store, request);
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.allowed) status.reason = decision.reason;
  else if (decision.errors.length > 0) status.evaluationError = decision.errors.join('; ');
  return json(201, { ...body, apiVersion: 'authorization.k8s.io/v1', kind: r.info.kind, metadata: { creationTimestamp: null }, status });
}
