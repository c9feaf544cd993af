import type { SimContext } from '../context';
import { createObject, deleteObject } from '../store/api';
import type { KObject, PodTemplate } from '../types';
import { clone, deepEqual } from '../util/clone';
import { controllerRef, ownerRefTo } from '../util/pods';

/** Label on ControllerRevisions (the hash) and on their pods (StatefulSet: the revision name; DaemonSet: the hash). */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
const DEFAULT_HISTORY_LIMIT = 10;

export type ControllerRevision = KObject & { data: { spec: { template: Record<string, unknown> } }; revision: number };

/** The revisions a StatefulSet or DaemonSet owns, oldest first. */
export function revisionsOf(ctx: SimContext, parent: KObject): ControllerRevision[] {
  return ctx.store
    .dependents(parent.metadata.uid)
    .filter((o): o is ControllerRevision => o.kind === 'ControllerRevision' && controllerRef(o)?.uid === parent.metadata.uid)
    .sort((a, b) => a.revision - b.revision);
}

/** The template a revision stores (its `$patch: replace` marker removed). */
export function templateOf(revision: ControllerRevision): PodTemplate {
  const template = clone(revision.data.spec.template);
  delete template.$patch;
  return template as unknown as PodTemplate;
}

/**
 * Makes the revision named `<parent>-<hash>` the newest one: created with the next revision number, or
 * renumbered when an older revision already holds this template (a rollback). Then drops the oldest
 * revisions no live pod uses beyond `revisionHistoryLimit` (default 10).
 * upstream: pkg/controller/history/controller_history.go NewControllerRevision, pkg/controller/statefulset
 * stateful_set_control.go getStatefulSetRevisions/truncateHistory, pkg/controller/daemon/update.go constructHistory
 */
export function syncRevisions(
  ctx: SimContext,
  parent: KObject & { spec: { template: PodTemplate; revisionHistoryLimit?: number } },
  hash: string,
  liveHashes: Set<string>,
): ControllerRevision | undefined {
  const revisions = revisionsOf(ctx, parent);
  const name = `${parent.metadata.name.slice(0, 223)}-${hash}`;
  const newest = revisions[revisions.length - 1];
  const next = (newest?.revision ?? 0) + 1;
  let current = revisions.find((r) => r.metadata.name === name);
  if (current && current !== newest) {
    current = ctx.store.mutate(current, (r) => {
      r.revision = next;
    }) as ControllerRevision;
  } else if (!current) {
    const template = { ...clone(parent.spec.template), $patch: 'replace' };
    try {
      current = createObject<ControllerRevision>(ctx, {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: parent.metadata.namespace,
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
          labels: { ...(parent.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
          ...(parent.metadata.annotations ? { annotations: { ...parent.metadata.annotations } } : {}),
          ownerReferences: [ownerRefTo(parent)],
        },
        data: { spec: { template } },
        revision: next,
      });
    } catch {
      return undefined;
    }
  }
  const limit = parent.spec.revisionHistoryLimit ?? DEFAULT_HISTORY_LIMIT;
  const old = revisionsOf(ctx, parent).filter((r) => r.metadata.name !== name && !liveHashes.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? ''));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) deleteObject(ctx, r);
  return current;
}

/**
 * kubectl rollout undo for StatefulSets and DaemonSets (polymorphichelpers/rollback.go): puts the
 * template of the previous revision (or `toRevision`) back. Returns kubectl's message; throws on errors.
 */
export function rollbackTarget(
  ctx: SimContext,
  parent: KObject & { spec: { template: PodTemplate } },
  toRevision: number,
): { template?: PodTemplate; message?: string; error?: string } {
  const revisions = revisionsOf(ctx, parent);
  let target: ControllerRevision | undefined;
  if (toRevision === 0) {
    if (revisions.length <= 1) return { error: 'no last revision to roll back to' };
    target = revisions[revisions.length - 2];
  } else {
    target = revisions.find((r) => r.revision === toRevision);
    if (!target) return { error: `unable to find specified revision ${toRevision} in history` };
  }
  const template = templateOf(target);
  if (deepEqual(template, parent.spec.template)) return { message: `skipped rollback (current template already matches revision ${target.revision})` };
  return { template };
}
