import type { KObject } from '../sim/types';
import { clone } from '../sim/util/clone';
import { isRecord } from '../sim/util/record';
import { decodeBody } from './body';
import { json, type ApiResponse, type RequestContext } from './context';
import { loadDefinitions } from './definitions';
import { getObject, served } from './objects';
import { serverSideApply } from './patch/apply';
import { jsonPatch, mergePatch } from './patch/jsonPatch';
import { strategicMerge } from './patch/strategic';
import type { ResourceRoute } from './router';
import { badRequest, notFound, unsupportedMediaType } from './status';
import { schemaOfKind, strictDecode } from './strict';
import { createThrough, targetOf, updateThrough, writeContext } from './writes';

/** PATCH in the four content types kubectl uses. */

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  switch (type) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      throw unsupportedMediaType(type);
  }
}

/** Applies a non-apply patch to a document of the given kind. */
export function applyPatch(type: Exclude<PatchType, 'apply'>, doc: unknown, patch: unknown, kind: { group: string; version: string; kind: string }): unknown {
  switch (type) {
    case 'json':
      return jsonPatch(doc, patch);
    case 'merge':
      if (!isRecord(patch)) throw badRequest('the body of a merge patch must be a JSON object');
      return mergePatch(doc, patch);
    case 'strategic': {
      const defs = loadDefinitions();
      return strategicMerge(defs, defs ? schemaOfKind(defs, kind.group, kind.version, kind.kind) : undefined, doc, patch);
    }
  }
}

function keepIdentity(patched: unknown, current: KObject): KObject {
  if (!isRecord(patched)) throw badRequest('the patch produced something that is not an object');
  const obj = patched as unknown as KObject;
  if (!isRecord(obj.metadata)) obj.metadata = { ...current.metadata };
  if (obj.metadata.name !== current.metadata.name)
    throw badRequest(`the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${current.metadata.name})`);
  obj.metadata.namespace = current.metadata.namespace;
  if (obj.metadata.resourceVersion === undefined) obj.metadata.resourceVersion = current.metadata.resourceVersion;
  return obj;
}

export function patchResource(ctx: RequestContext, r: ResourceRoute & { name: string }): ApiResponse {
  const type = patchTypeOf(ctx.contentType);
  const patch = decodeBody(ctx.body, ctx.contentType);
  const current = getObject(ctx.cluster, r.info, r.namespace, r.name);
  const write = writeContext(ctx);
  const manager = ctx.query.get('fieldManager') ?? undefined;
  if (type === 'apply') {
    const result = serverSideApply(ctx, r, current, patch, manager, ctx.query.get('force') === 'true');
    const applied = { ...write, applied: true };
    if (!current) return json(201, served(createThrough(applied, r.info, result), r.info));
    return json(200, served(updateThrough(applied, r.info, result), r.info));
  }
  if (!current) throw notFound(targetOf(r.info, r.name));
  const patched = keepIdentity(applyPatch(type, clone(served(current, r.info)), patch, r.info), current);
  strictDecode(ctx, r.info, patched);
  return json(200, served(updateThrough(write, r.info, patched), r.info));
}

/** PATCH of a subresource: `view` gives the document the patch applies to, `store` writes the result. */
export function patchSubresource(
  ctx: RequestContext,
  r: ResourceRoute & { name: string },
  view: (obj: KObject) => KObject,
  store: (patched: KObject) => ApiResponse,
): ApiResponse {
  const type = patchTypeOf(ctx.contentType);
  const current = getObject(ctx.cluster, r.info, r.namespace, r.name);
  if (!current) throw notFound(targetOf(r.info, r.name));
  const doc = clone(view(current));
  const patch = decodeBody(ctx.body, ctx.contentType);
  const gvk = r.subresource === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : r.info;
  const patched = type === 'apply' ? applyPatch('merge', doc, patch, gvk) : applyPatch(type, doc, patch, gvk);
  return store(keepIdentity(patched, current));
}
