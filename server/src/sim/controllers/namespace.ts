import type { Controller, SimContext } from '../context';
import { deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';

/** The namespace controller: a Terminating namespace has all its content deleted, then disappears. */
export function namespaceController(ctx: SimContext): Controller {
  const name = 'namespace';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Namespace' && obj.metadata.deletionTimestamp) ctx.enqueue(name, obj.metadata.name);
      else if (change.type === 'DELETED' && obj.metadata.namespace) {
        const ns = ctx.store.get('Namespace', undefined, obj.metadata.namespace);
        if (ns?.metadata.deletionTimestamp) ctx.enqueue(name, ns.metadata.name);
      }
    },
    reconcile(nsName: string) {
      const ns = ctx.store.get('Namespace', undefined, nsName);
      if (!ns || !ns.metadata.deletionTimestamp) return;
      const content = ctx.store.all().filter((o) => o.metadata.namespace === nsName);
      for (const obj of content) if (!obj.metadata.deletionTimestamp) deleteObject(ctx, obj);
      const remaining = ctx.store.all().filter((o) => o.metadata.namespace === nsName);
      const conditions = [
        { type: 'NamespaceContentRemaining', status: remaining.length > 0 ? 'True' : 'False', reason: remaining.length > 0 ? 'SomeResourcesRemain' : 'ContentRemoved', message: remaining.length > 0 ? `Some resources are remaining: ${summarize(remaining.map((o) => o.kind))}` : 'All content successfully removed', lastTransitionTime: ctx.nowIso() },
      ];
      if (remaining.length > 0) {
        ctx.store.mutate(ns, (n) => {
          const status = (n.status ?? {}) as Record<string, unknown>;
          const old = JSON.stringify(((status.conditions as unknown[]) ?? []).map((c) => ({ ...(c as object), lastTransitionTime: '' })));
          if (old !== JSON.stringify(conditions.map((c) => ({ ...c, lastTransitionTime: '' })))) status.conditions = conditions;
          n.status = { ...status, phase: 'Terminating' };
        });
        return;
      }
      ctx.store.remove(ns);
    },
  };
}

function summarize(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([k, n]) => `${k.toLowerCase()}s has ${n} resource instances`)
    .join(', ');
}
