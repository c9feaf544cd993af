import type { KObject } from '../../sim/types';
import type { RequestContext } from '../context';
import type { ResourceRoute } from '../router';
import { badRequest } from '../status';
import { strictDecode } from '../strict';
import { checkIdentity } from '../writes';
import { applyWithOwnership } from './managedFields';

/** Server-side apply (`kubectl apply --server-side`): the applied configuration merged with ownership. */
export function serverSideApply(
  ctx: RequestContext,
  r: ResourceRoute & { name: string },
  current: KObject | undefined,
  body: unknown,
  manager: string | undefined,
  force: boolean,
): KObject {
  if (!manager) throw badRequest('PATCH requests of type application/apply-patch+yaml must specify a fieldManager');
  const applied = checkIdentity(body, r.info, r.namespace);
  if (applied.metadata.name === undefined) applied.metadata.name = r.name;
  if (applied.metadata.name !== r.name)
    throw badRequest(`the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${r.name})`);
  strictDecode(ctx, r.info, applied);
  const merged = applyWithOwnership(r.info, current, applied, manager, force, ctx.cluster.ctx.nowIso());
  merged.metadata.resourceVersion = applied.metadata.resourceVersion ?? current?.metadata.resourceVersion ?? '';
  return merged;
}
