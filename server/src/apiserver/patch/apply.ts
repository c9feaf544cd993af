import type { KObject } from '../../sim/types';
import { clone } from '../../sim/util/clone';
import { isRecord } from '../../sim/util/record';
import type { RequestContext } from '../context';
import { loadDefinitions } from '../definitions';
import type { ResourceRoute } from '../router';
import { badRequest } from '../status';
import { schemaOfKind, strictDecode } from '../strict';
import { strategicMerge } from './strategic';
import { checkIdentity } from '../writes';

/** Server-side apply (`kubectl apply --server-side`). */
export function serverSideApply(
  ctx: RequestContext,
  r: ResourceRoute & { name: string },
  current: KObject | undefined,
  body: unknown,
  manager: string | undefined,
  force: boolean,
): KObject {
  if (!manager) throw badRequest('PATCH requests of type application/apply-patch+yaml must specify a fieldManager');
  void force;
  const applied = checkIdentity(body, r.info, r.namespace);
  if (applied.metadata.name !== r.name)
    throw badRequest(`the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${r.name})`);
  strictDecode(ctx, r.info, applied);
  if (!current) return applied;
  const defs = loadDefinitions();
  const merged = strategicMerge(defs, defs ? schemaOfKind(defs, r.info.group, r.info.version, r.info.kind) : undefined, clone(current), applied) as KObject;
  if (isRecord(merged.metadata)) merged.metadata.resourceVersion = applied.metadata.resourceVersion ?? current.metadata.resourceVersion;
  return merged;
}
