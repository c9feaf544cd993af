/** Short Markdown descriptions of workspace objects, for completion details and hovers. */
import { isRecord, type Resource } from '../../model/resource';
import { baseName } from '../../workspace/paths';
import type { ObjectDefinition, PodTemplate } from '../../workspace/model';

export function fileName(uri: string | undefined): string {
  return uri ? baseName(uri) : '';
}

export function quoted(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** `Deployment web (shop)`: kind, name and namespace, the way outlines and hovers name resources. */
export function resourceTitle(resource: Resource): string {
  const name = resource.name ?? '(unnamed)';
  return resource.namespace ? `${resource.kind} ${name} (${resource.namespace})` : `${resource.kind} ${name}`;
}

export interface ServicePort {
  port?: number;
  name?: string;
  targetPort?: number | string;
  protocol?: string;
}

export function servicePorts(resource: Resource | undefined): ServicePort[] {
  const spec = resource && isRecord(resource.object.spec) ? resource.object.spec : undefined;
  if (!spec || !Array.isArray(spec.ports)) return [];
  return spec.ports.filter(isRecord).map((p) => ({
    port: typeof p.port === 'number' ? p.port : undefined,
    name: typeof p.name === 'string' ? p.name : undefined,
    targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : undefined,
    protocol: typeof p.protocol === 'string' ? p.protocol : undefined,
  }));
}

export function formatPort(p: ServicePort): string {
  const name = p.name ? ` (${p.name})` : '';
  const target = p.targetPort !== undefined ? ` → ${p.targetPort}` : '';
  return `${p.port ?? '?'}${name}${target}${p.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;
}

/** What a definition is and holds: "ConfigMap `app` in `config.yaml`; keys: `A`, `B`". */
export function describeDefinition(def: ObjectDefinition): string {
  const where = def.origin === 'manifest' ? ` in ${quoted(fileName(def.uri))}` : def.note ? ` (${def.note})` : '';
  const namespace = def.placements[0]?.namespace ? `, namespace ${quoted(def.placements[0].namespace)}` : '';
  const lines = [`${def.kind} ${quoted(def.name)}${namespace}${where}`];
  if (def.keys) lines.push(def.keys.size > 0 ? `keys: ${[...def.keys].sort().map(quoted).join(', ')}` : 'no keys');
  const resource = def.origin === 'manifest' ? def.source?.resource : undefined;
  if (resource && def.kind === 'Service') {
    const ports = servicePorts(resource);
    if (ports.length > 0) lines.push(`ports: ${ports.map(formatPort).join(', ')}`);
  }
  const replicas = resource && isRecord(resource.object.spec) ? resource.object.spec.replicas : undefined;
  if (typeof replicas === 'number') lines.push(`replicas: ${replicas}`);
  return lines.join('  \n');
}

/** "Deployment `web` (3 replicas) in `app.yaml`". */
export function describeTemplate(t: PodTemplate): string {
  const r = t.owner.resource;
  const spec = isRecord(r.object.spec) ? r.object.spec : {};
  let count = '';
  if (typeof spec.replicas === 'number') count = ` (${spec.replicas} replica${spec.replicas === 1 ? '' : 's'})`;
  else if (r.kind === 'Deployment' || r.kind === 'StatefulSet' || r.kind === 'ReplicaSet') count = ' (1 replica)';
  else if (r.kind === 'DaemonSet') count = ' (one pod per node)';
  return `${r.kind} ${quoted(r.name ?? '(unnamed)')}${count} in ${quoted(fileName(r.uri))}`;
}
