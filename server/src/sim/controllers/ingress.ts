import type { Controller, SimContext } from '../context';
import type { KObject } from '../types';
import { splitKey } from '../util/pods';

/** The address the simulated ingress controller's load balancer answers on. */
export const INGRESS_ADDRESS = '172.18.0.100';
const SOURCE = 'ingress-controller';

type Ingress = KObject & { status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } };

/**
 * A simulated ingress controller (one for every IngressClass): it admits each Ingress and publishes
 * its load balancer address in status.loadBalancer, which `kubectl get ingress` shows as ADDRESS.
 */
export function ingressController(ctx: SimContext): Controller {
  const name = 'ingress';
  return {
    name,
    observe(change) {
      if (change.object.kind === 'Ingress' && change.type !== 'DELETED')
        ctx.enqueue(name, `${change.object.metadata.namespace}/${change.object.metadata.name}`);
    },
    reconcile(key) {
      const [ns, ingressName] = splitKey(key);
      const ingress = ctx.store.get<Ingress>('Ingress', ns, ingressName);
      if (!ingress || ingress.metadata.deletionTimestamp) return;
      if (ingress.status?.loadBalancer?.ingress?.some((i) => i.ip === INGRESS_ADDRESS)) return;
      ctx.store.mutateStatus(ingress, (i) => {
        (i as Ingress).status = { ...((i as Ingress).status ?? {}), loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } };
      });
      ctx.record(ingress, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
    },
  };
}
