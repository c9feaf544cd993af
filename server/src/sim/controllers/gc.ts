import type { Controller, SimContext } from '../context';
import { deleteObject, removeFinalizer } from '../store/api';
import type { StoreChange } from '../store/store';

/**
 * The garbage collector: when an owner is gone, dependents whose owners are all gone are deleted
 * (background); dangling references to a deleted owner are removed otherwise. Owners deleted with
 * Foreground propagation keep the foregroundDeletion finalizer until their blocking dependents are gone.
 */
export function garbageCollector(ctx: SimContext): Controller {
  const name = 'gc';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (change.type === 'DELETED') {
        ctx.enqueue(name, obj.metadata.uid);
        for (const ref of obj.metadata.ownerReferences ?? []) ctx.enqueue(name, `fg:${ref.uid}`);
      } else if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).includes('foregroundDeletion')) {
        ctx.enqueue(name, `fg:${obj.metadata.uid}`);
      }
    },
    reconcile(key: string) {
      if (key.startsWith('fg:')) {
        foreground(ctx, key.slice(3));
        return;
      }
      for (const dep of ctx.store.dependents(key)) {
        const refs = dep.metadata.ownerReferences ?? [];
        const alive = refs.filter((r) => r.uid !== key && ctx.store.getByUid(r.uid));
        if (alive.length === 0) deleteObject(ctx, dep, { propagationPolicy: 'Background' });
        else {
          ctx.store.mutate(dep, (d) => {
            d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== key);
          });
        }
      }
    },
  };
}

function foreground(ctx: SimContext, uid: string): void {
  const owner = ctx.store.getByUid(uid);
  if (!owner || !owner.metadata.deletionTimestamp || !(owner.metadata.finalizers ?? []).includes('foregroundDeletion')) return;
  const dependents = ctx.store.dependents(uid);
  for (const dep of dependents) if (!dep.metadata.deletionTimestamp) deleteObject(ctx, dep, { propagationPolicy: 'Foreground' });
  const blocking = ctx.store.dependents(uid).filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
  if (blocking.length === 0) removeFinalizer(ctx, owner, 'foregroundDeletion');
}
