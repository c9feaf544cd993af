import type { SimContext } from './context';
import { nodeDown, nodeUp } from './controllers/nodeLifecycle';
import { startDrain } from './drain';
import type { Deployment } from './controllers/deployment/types';
import { SKIP_COPY } from './controllers/deployment/types';
import { revisionOf, templateWithoutHash } from './controllers/deployment/replicaSets';
import { revisionsOf, rollbackTarget } from './controllers/history';
import type { ReplicaSet } from './controllers/replicaset';
import { ApiError } from './store/api';
import { updateObject } from './store/apply';
import { kubectlRef } from './store/keys';
import type { KObject, PodTemplate } from './types';
import { clone, deepEqual } from './util/clone';
import { controllerRef } from './util/pods';

/** Client-side operations with kubectl's semantics and messages. Each returns kubectl's output line or throws ApiError. */

function mustGet<T extends KObject>(ctx: SimContext, kind: string, namespace: string | undefined, name: string): T {
  const obj = ctx.store.get<T>(kind, kind === 'Node' ? undefined : namespace ?? 'default', name);
  if (!obj) throw new ApiError(`${kind.toLowerCase()}s "${name}" not found`, 'NotFound');
  return obj;
}

function put<T extends KObject>(ctx: SimContext, obj: T, fn: (draft: T) => void): T {
  const draft = clone(obj);
  fn(draft);
  if (deepEqual(draft, obj)) return obj;
  return updateObject(ctx, draft, obj) as T;
}

export function scale(ctx: SimContext, kind: string, namespace: string | undefined, name: string, replicas: number): string {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(kind)) throw new ApiError(`error: cannot scale ${kind}`, 'BadRequest');
  const obj = mustGet<KObject & { spec: { replicas?: number } }>(ctx, kind, namespace, name);
  put(ctx, obj, (d) => {
    d.spec.replicas = replicas;
  });
  return `${kubectlRef(kind, name)} scaled`;
}

function templateOf(obj: KObject): PodTemplate | undefined {
  const spec = obj.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  return spec?.template ?? spec?.jobTemplate?.spec?.template;
}

export function setImage(ctx: SimContext, kind: string, namespace: string | undefined, name: string, container: string, image: string): string {
  const obj = mustGet(ctx, kind, namespace, name);
  let found = false;
  put(ctx, obj, (d) => {
    const spec = kind === 'Pod' ? (d.spec as PodTemplate['spec']) : templateOf(d)?.spec;
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      if (c.name === container || container === '*') {
        c.image = image;
        found = true;
      }
    }
  });
  if (!found) throw new ApiError(`error: unable to find container named "${container}"`, 'NotFound');
  return `${kubectlRef(kind, name)} image updated`;
}

export function pause(ctx: SimContext, namespace: string | undefined, name: string, paused: boolean): string {
  const d = mustGet<Deployment>(ctx, 'Deployment', namespace, name);
  if (!!d.spec.paused === paused) return `${kubectlRef('Deployment', name)} ${paused ? 'already paused' : 'is not paused'}`;
  put(ctx, d, (draft) => {
    draft.spec.paused = paused;
  });
  return `${kubectlRef('Deployment', name)} ${paused ? 'paused' : 'resumed'}`;
}

export function rolloutRestart(ctx: SimContext, kind: string, namespace: string | undefined, name: string): string {
  const obj = mustGet(ctx, kind, namespace, name);
  put(ctx, obj, (d) => {
    const template = templateOf(d)!;
    template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': ctx.nowIso() } };
  });
  return `${kubectlRef(kind, name)} restarted`;
}

/** kubectl rollout undo for StatefulSets and DaemonSets: the template of a ControllerRevision, put back. */
function rolloutUndoFromHistory(ctx: SimContext, kind: string, namespace: string | undefined, name: string, toRevision: number): string {
  const obj = mustGet<KObject & { spec: { template: PodTemplate } }>(ctx, kind, namespace, name);
  const { template, message, error } = rollbackTarget(ctx, obj, toRevision);
  if (error) throw new ApiError(error, 'NotFound');
  if (message) return `${kubectlRef(kind, name)} ${message}`;
  put(ctx, obj, (draft) => {
    draft.spec.template = template!;
  });
  return `${kubectlRef(kind, name)} rolled back`;
}

/** kubectl rollout undo (polymorphichelpers/rollback.go): a JSON patch of the template and annotations. */
export function rolloutUndo(ctx: SimContext, namespace: string | undefined, name: string, toRevision = 0, kind = 'Deployment'): string {
  if (kind === 'StatefulSet' || kind === 'DaemonSet') return rolloutUndoFromHistory(ctx, kind, namespace, name, toRevision);
  if (kind !== 'Deployment') throw new ApiError(`error: no rollbacker has been implemented for "${kind}"`, 'BadRequest');
  const d = mustGet<Deployment>(ctx, 'Deployment', namespace, name);
  const owned = ctx.store.select<ReplicaSet>('ReplicaSet', d.metadata.namespace, d.spec.selector).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
  let target: ReplicaSet | undefined;
  if (toRevision === 0) {
    const sorted = [...owned].sort((a, b) => revisionOf(b) - revisionOf(a));
    target = sorted[1];
    if (!target) throw new ApiError(`no rollout history found for deployment "${name}"`, 'NotFound');
  } else {
    target = owned.find((rs) => revisionOf(rs) === toRevision);
    if (!target) throw new ApiError(`unable to find specified revision ${toRevision} in history`, 'NotFound');
  }
  if (d.spec.paused) throw new ApiError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again", 'BadRequest');
  const template = templateWithoutHash(target.spec.template);
  if (deepEqual(template, templateWithoutHash(d.spec.template))) return `${kubectlRef('Deployment', name)} skipped rollback (current template already matches revision ${revisionOf(target)})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP_COPY.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
  put(ctx, d, (draft) => {
    draft.spec.template = template;
    draft.metadata.annotations = annotations;
  });
  return `${kubectlRef('Deployment', name)} rolled back`;
}

/** kubectl rollout history: revision and change-cause per ReplicaSet (Deployments) or ControllerRevision. */
export function rolloutHistory(ctx: SimContext, namespace: string | undefined, name: string, kind = 'Deployment'): { revision: number; changeCause: string }[] {
  if (kind === 'StatefulSet' || kind === 'DaemonSet') {
    return revisionsOf(ctx, mustGet(ctx, kind, namespace, name)).map((r) => ({ revision: r.revision, changeCause: r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>' }));
  }
  const d = mustGet<Deployment>(ctx, 'Deployment', namespace, name);
  return ctx.store
    .select<ReplicaSet>('ReplicaSet', d.metadata.namespace, d.spec.selector)
    .filter((rs) => controllerRef(rs)?.uid === d.metadata.uid)
    .map((rs) => ({ revision: revisionOf(rs), changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>' }))
    .sort((a, b) => a.revision - b.revision);
}

export function cordon(ctx: SimContext, node: string, unschedulable: boolean): string {
  const n = mustGet<KObject & { spec: { unschedulable?: boolean } }>(ctx, 'Node', undefined, node);
  if (!!n.spec.unschedulable === unschedulable) return `node/${node} already ${unschedulable ? 'cordoned' : 'uncordoned'}`;
  ctx.store.mutate(n, (d) => {
    if (unschedulable) d.spec.unschedulable = true;
    else delete d.spec.unschedulable;
  });
  ctx.record(n, 'Normal', unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable', `Node ${node} status is now: ${unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable'}`, 'kubelet', { host: node });
  return `node/${node} ${unschedulable ? 'cordoned' : 'uncordoned'}`;
}

/** kubectl drain --ignore-daemonsets --delete-emptydir-data: cordon, then evict every other pod (PodDisruptionBudgets apply). */
export function drain(ctx: SimContext, node: string, timeoutMs?: number): string[] {
  return [cordon(ctx, node, true), ...startDrain(ctx, node, timeoutMs)];
}

export function setNodeDown(ctx: SimContext, node: string, down: boolean): string {
  mustGet(ctx, 'Node', undefined, node);
  if (down) nodeDown(ctx, node);
  else nodeUp(ctx, node);
  return `node/${node} ${down ? 'down' : 'up'}`;
}

