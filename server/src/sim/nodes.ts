import { nodeObject } from './bootstrap';
import type { SimContext } from './context';
import type { SimNode } from './controllers/scheduler/fit';
import type { NodeOptions } from './simulation';
import { ApiError, createObject } from './store/api';
import { updateObject } from './store/apply';
import { kubectlRef } from './store/keys';
import type { KObject } from './types';
import { clone, deepEqual } from './util/clone';
import { isRecord } from './util/record';
import { mergePatch } from './util/mergePatch';

/**
 * A node joins the cluster: its kubelet registers it (Ready, with the next free pod CIDR) and starts
 * running the pods scheduled to it. The scheduler retries pending pods and DaemonSets place their pods.
 */
export function addNode(ctx: SimContext, options: NodeOptions): string {
  if (ctx.store.get('Node', undefined, options.name)) throw new ApiError(`nodes "${options.name}" already exists`, 'AlreadyExists');
  const used = ctx.store.list<SimNode>('Node').map((n) => Number(/^10\.244\.(\d+)\./.exec(String((n.spec as { podCIDR?: string }).podCIDR ?? ''))?.[1] ?? 0));
  const index = Math.max(0, ...used) + 1;
  const node = createObject(ctx, nodeObject(options, index, ctx.nowIso(), ctx.version.kubelet));
  ctx.record(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', { host: options.name });
  ctx.record(node, 'Normal', 'NodeReady', `Node ${options.name} status is now: NodeReady`, 'kubelet', { host: options.name });
  ctx.record(node, 'Normal', 'RegisteredNode', `Node ${options.name} event: Registered Node ${options.name} in Controller`, 'node-controller');
  return `node/${options.name} joined`;
}


/** kubectl patch --type merge: validated and admitted like any update. */
export function patchObject(ctx: SimContext, kind: string, namespace: string | undefined, name: string, patch: unknown): string {
  if (!isRecord(patch)) throw new ApiError('error: unable to parse the patch: a merge patch must be a mapping', 'BadRequest');
  const obj = ctx.store.get(kind, kind === 'Node' || kind === 'Namespace' ? undefined : (namespace ?? 'default'), name);
  if (!obj) throw new ApiError(`${kind.toLowerCase()}s "${name}" not found`, 'NotFound');
  const next = mergePatch(clone(obj), patch) as KObject;
  next.metadata = { ...next.metadata, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid };
  next.kind = obj.kind;
  if (deepEqual(next, obj)) return `${kubectlRef(kind, name)} patched (no change)`;
  updateObject(ctx, next, obj);
  return `${kubectlRef(kind, name)} patched`;
}
