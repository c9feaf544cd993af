import { isRecord } from '../sim/util/record';
import { decodeBody } from './body';
import { json, type ApiResponse, type RequestContext } from './context';
import { coreVersions, group, groupList, resourceList, versionInfo } from './discovery';
import { getOne, list } from './reads';
import { isReviewKind } from './registry';
import { accessReview, authorize } from './reviews';
import { patchResource } from './patch';
import { route, type ResourceRoute } from './router';
import { badRequest, methodNotAllowed, success } from './status';
import { strictDecode } from './strict';
import { subresource } from './subresources';
import { checkIdentity, createThrough, deleteThrough, targetOf, updateThrough, type DeleteRequest, writeContext } from './writes';
import { listObjects, served } from './objects';

/** Dispatches one request by path and method. Throws ApiFailure for error statuses. */
export function handle(ctx: RequestContext, pathname: string, serverAddress: string): ApiResponse {
  const r = route(pathname);
  if (ctx.method !== 'GET' && r.type !== 'resource') throw methodNotAllowed();
  switch (r.type) {
    case 'version':
      return json(200, versionInfo());
    case 'health':
      return { kind: 'text', code: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };
    case 'api':
      return json(200, coreVersions(serverAddress));
    case 'apis':
      return json(200, groupList());
    case 'group':
      return json(200, group(r.group));
    case 'groupVersion':
      return json(200, resourceList(r.group, r.version));
    case 'openapiV2':
      return ctx.openapi.v2(ctx.accept);
    case 'openapiV3':
      return json(200, ctx.openapi.v3Index());
    case 'openapiV3GroupVersion':
      return json(200, ctx.openapi.v3GroupVersion(r.group, r.version));
    case 'resource':
      authorize(ctx, r);
      return resource(ctx, r);
  }
}

function resource(ctx: RequestContext, r: ResourceRoute): ApiResponse {
  if (r.subresource) return subresource(ctx, r as ResourceRoute & { name: string; subresource: string });
  if (isReviewKind(r.info.kind)) {
    if (ctx.method !== 'POST') throw methodNotAllowed();
    return accessReview(ctx, r, decodeBody(ctx.body, ctx.contentType));
  }
  switch (ctx.method) {
    case 'GET':
      return r.name ? getOne(ctx, r as ResourceRoute & { name: string }) : list(ctx, r);
    case 'POST': {
      if (r.name) throw methodNotAllowed();
      const obj = checkIdentity(decodeBody(ctx.body, ctx.contentType), r.info, r.namespace ?? (r.info.namespaced ? 'default' : undefined));
      strictDecode(ctx, r.info, obj);
      return json(201, served(createThrough(writeContext(ctx), r.info, obj), r.info));
    }
    case 'PUT': {
      if (!r.name) throw methodNotAllowed();
      const obj = checkIdentity(decodeBody(ctx.body, ctx.contentType), r.info, r.namespace);
      if (obj.metadata.name !== r.name)
        throw badRequest(`the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${r.name})`);
      strictDecode(ctx, r.info, obj);
      return json(200, served(updateThrough(writeContext(ctx), r.info, obj), r.info));
    }
    case 'PATCH':
      if (!r.name) throw methodNotAllowed();
      return patchResource(ctx, r as ResourceRoute & { name: string });
    case 'DELETE':
      return r.name ? json(200, served(deleteThrough(writeContext(ctx), r.info, r.namespace, r.name, deleteOptions(ctx)), r.info)) : deleteCollection(ctx, r);
    default:
      throw methodNotAllowed();
  }
}

/** DeleteOptions from the body and the query (kubectl sends a body; curl users the query). */
export function deleteOptions(ctx: RequestContext): DeleteRequest {
  const body = decodeBody(ctx.body, ctx.contentType);
  const options: DeleteRequest = {};
  const b = isRecord(body) ? body : {};
  const policy =
    b.propagationPolicy ??
    ctx.query.get('propagationPolicy') ??
    (b.orphanDependents === true || ctx.query.get('orphanDependents') === 'true' ? 'Orphan' : undefined);
  if (policy === 'Background' || policy === 'Foreground' || policy === 'Orphan') options.propagationPolicy = policy;
  const grace = b.gracePeriodSeconds ?? ctx.query.get('gracePeriodSeconds');
  if (grace !== undefined && grace !== null && Number.isFinite(Number(grace))) options.gracePeriodSeconds = Math.max(0, Number(grace));
  if (isRecord(b.preconditions)) options.preconditions = b.preconditions as DeleteRequest['preconditions'];
  return options;
}

function deleteCollection(ctx: RequestContext, r: ResourceRoute): ApiResponse {
  const options = deleteOptions(ctx);
  const victims = listObjects(ctx.cluster, r.info, {
    namespace: r.namespace,
    labelSelector: ctx.query.get('labelSelector'),
    fieldSelector: ctx.query.get('fieldSelector'),
  });
  const write = writeContext(ctx);
  for (const v of victims) deleteThrough(write, r.info, v.metadata.namespace, v.metadata.name, options);
  return json(200, success({ kind: targetOf(r.info).resource, group: r.info.group || undefined }));
}
