import { recordAt } from '../util/kinds';
import { packCheck } from './packCheck';

export const exposedServices = packCheck({
  id: 'exposed-services',
  title: 'Service is exposed outside the cluster',
  preset: 'security',
  description: 'NodePort and LoadBalancer Services are reachable from outside the cluster.',
  kinds: ['Service'],
  check(ctx) {
    const type = recordAt(ctx.resource.object, ['spec'])?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') return;
    ctx.report({
      path: ['spec', 'type'],
      message: `Service type ${type} exposes it outside the cluster; use ClusterIP behind an Ingress or Gateway where possible.`,
    });
  },
});
