/**
 * Go to definition: from a reference (ConfigMap/Secret names and keys, claimName, serviceAccountName,
 * Ingress backends and their ports, StatefulSet serviceName, roleRef, scaleTargetRef) to the object,
 * key or port it names; from a Service selector to the pod templates it selects.
 */
import { locate } from '../../model/locate';
import { resourceRange, type Resource } from '../../model/resource';
import type { Position } from '../../types';
import type { ObjectDefinition } from '../../workspace/model';
import { servicePorts } from '../references/describe';
import { entryFor, referenceAt, targetsOf, templatesSelectedBy } from '../references/resolve';
import { documentInfo, type FeatureRequest } from '../request';
import type { Location } from '../types';
import { pointAt } from '../yaml/pointAt';

export function definition(req: FeatureRequest, position: Position): Location[] {
  const point = pointAt(req.file, position);
  if (!point) return [];
  const resource = documentInfo(req, point.lines).resource;
  if (!resource) return [];
  const found = referenceAt(req, resource, point.path);
  if (found) {
    const { reference, role } = found;
    const targets = targetsOf(req, reference);
    if (role === 'key') return targets.flatMap((d) => keyLocation(d, reference.key as string));
    if (role === 'port') return targets.flatMap((d) => portLocation(d, reference.port as number | string));
    return targets.flatMap(definitionLocation);
  }
  if (resource.kind === 'Service' && point.path[0] === 'spec' && point.path[1] === 'selector') {
    return templatesSelectedBy(req, entryFor(req, resource)).map((t) => ({
      uri: t.owner.resource.uri,
      range: resourceRange(t.owner.resource, t.labelsPath, 'key'),
    }));
  }
  return [];
}

export function definitionLocation(d: ObjectDefinition): Location[] {
  return d.uri && d.range ? [{ uri: d.uri, range: d.range }] : [];
}

function manifestOf(d: ObjectDefinition): Resource | undefined {
  return d.origin === 'manifest' ? d.source?.resource : undefined;
}

function keyLocation(d: ObjectDefinition, key: string): Location[] {
  const resource = manifestOf(d);
  if (!resource) return definitionLocation(d);
  for (const map of ['data', 'stringData', 'binaryData']) {
    const path = [map, key];
    if (locate(resource.parsed, path).depth === 2) return [{ uri: resource.uri, range: resourceRange(resource, path, 'key') }];
  }
  return definitionLocation(d);
}

function portLocation(d: ObjectDefinition, port: number | string): Location[] {
  const resource = manifestOf(d);
  if (!resource) return definitionLocation(d);
  const ports = servicePorts(resource);
  const index = ports.findIndex((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (index < 0) return definitionLocation(d);
  const field = typeof port === 'number' ? 'port' : 'name';
  return [{ uri: resource.uri, range: resourceRange(resource, ['spec', 'ports', index, field], 'value') }];
}
