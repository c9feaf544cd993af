/**
 * statefulset-service-not-headless: a StatefulSet's `serviceName` must name a headless Service
 * (`clusterIP: None`). That Service gives each pod its stable DNS name (`web-0.web.ns.svc`); a
 * Service with a cluster IP gets one virtual IP instead and no per-pod records, so peers that
 * address pods by name cannot find them. A missing Service is `missing-service`'s business.
 */
import { isRecord } from '../../model/resource';
import { objectKey } from '../dependencyKeys';
import type { IndexedResource } from '../model';
import { diagnostic, relatedTo, visibleFrom, type CrossCheckContext } from './context';
import { named } from './describe';

function clusterIPOf(object: Record<string, unknown>): unknown {
  return isRecord(object.spec) ? object.spec.clusterIP : undefined;
}

export function checkStatefulSetService(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { object, kind, group, name } = entry.resource;
  if (kind !== 'StatefulSet' || group !== 'apps' || !ctx.enabled('statefulset-service-not-headless')) return;
  const serviceName = isRecord(object.spec) ? object.spec.serviceName : undefined;
  if (typeof serviceName !== 'string' || serviceName === '') return;
  for (const placement of entry.placements) {
    ctx.use(objectKey('Service', placement.namespace, serviceName));
    const services = ctx.queries
      .definitionsNamed('Service', placement.namespace, serviceName)
      .filter((d) => d.origin === 'manifest' && d.group === '' && d.source && visibleFrom(d, placement, placement.namespace));
    if (services.length === 0 || services.some((d) => clusterIPOf(d.source?.resource.object ?? {}) === 'None')) continue;
    const service = services[0];
    const spec = service.source?.resource.object.spec;
    const type = isRecord(spec) && typeof spec.type === 'string' ? spec.type : 'ClusterIP';
    const clusterIP = clusterIPOf(service.source?.resource.object ?? {});
    const has =
      type !== 'ClusterIP' ? `is of type ${type}` : typeof clusterIP === 'string' && clusterIP !== '' ? `has clusterIP ${clusterIP}` : 'gets a cluster IP';
    ctx.report(
      diagnostic(
        entry.resource,
        'statefulset-service-not-headless',
        ['spec', 'serviceName'],
        `${named('Service', serviceName)} ${has}, but the serviceName of ${named('StatefulSet', name ?? '')} must be a headless Service (clusterIP: None): without it the pods get no stable DNS names (${name ?? serviceName}-0.${serviceName}).`,
        {
          related: relatedTo(service, `${named('Service', serviceName)} is defined here; set spec.clusterIP: None`),
        },
      ),
    );
    return;
  }
}
