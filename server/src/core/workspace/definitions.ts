/**
 * What a resource defines for others to refer to: itself (by kind/namespace/name), and objects that
 * controllers create from it (the Secret of a cert-manager Certificate, of a SealedSecret, of an
 * ExternalSecret). Also the objects every cluster has without a manifest.
 */
import { isRecord, resourceRange } from '../model/resource';
import { withLazyRange } from './location';
import type { IndexedResource, ObjectDefinition, Placement } from './model';

function keysOf(...maps: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const m of maps) if (isRecord(m)) for (const k of Object.keys(m)) keys.add(k);
  return keys;
}

/** Data keys of a ConfigMap or Secret manifest; undefined when a controller fills them in. */
function dataKeys(entry: IndexedResource): Set<string> | undefined {
  const { kind, object } = entry.resource;
  if (kind === 'ConfigMap') return keysOf(object.data, object.binaryData);
  if (object.type === 'kubernetes.io/service-account-token') return undefined;
  return keysOf(object.data, object.stringData);
}

function produced(entry: IndexedResource, name: unknown, keys: Set<string> | undefined, note: string, namePath: (string | number)[]): ObjectDefinition | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const def: ObjectDefinition = { group: '', kind: 'Secret', name, placements: entry.placements, origin: 'produced-by-custom-resource', uri: entry.resource.uri, source: entry, keys, note };
  return withLazyRange(def, () => resourceRange(entry.resource, namePath, 'value'));
}

/** Secrets that well-known controllers create from custom resources. */
function producedSecrets(entry: IndexedResource): ObjectDefinition[] {
  const { group, kind, object, name } = entry.resource;
  const spec = isRecord(object.spec) ? object.spec : {};
  const label = `${kind} '${name ?? ''}'`;
  let def: ObjectDefinition | undefined;
  if (group === 'cert-manager.io' && kind === 'Certificate') {
    def = produced(entry, spec.secretName, new Set(['tls.crt', 'tls.key', 'ca.crt']), `created by cert-manager for ${label}`, ['spec', 'secretName']);
  } else if (group === 'bitnami.com' && kind === 'SealedSecret') {
    const template = isRecord(spec.template) && isRecord(spec.template.metadata) ? spec.template.metadata : {};
    const templateName = typeof template.name === 'string' ? template.name : undefined;
    const keys = isRecord(spec.encryptedData) ? keysOf(spec.encryptedData) : undefined;
    def = produced(entry, templateName ?? name, keys, `unsealed from ${label}`, templateName ? ['spec', 'template', 'metadata', 'name'] : ['metadata', 'name']);
  } else if (group === 'external-secrets.io' && kind === 'ExternalSecret') {
    const target = isRecord(spec.target) && typeof spec.target.name === 'string' ? spec.target.name : undefined;
    const data = Array.isArray(spec.data) ? spec.data : [];
    const keys = spec.dataFrom === undefined && !isRecord(isRecord(spec.target) ? spec.target.template : undefined) ? new Set(data.filter(isRecord).map((d) => String(d.secretKey))) : undefined;
    def = produced(entry, target ?? name, keys, `created by External Secrets for ${label}`, target ? ['spec', 'target', 'name'] : ['metadata', 'name']);
  }
  return def ? [def] : [];
}

/** Everything a resource defines. Resources without a name define nothing by name. */
export function definitionsOf(entry: IndexedResource): ObjectDefinition[] {
  const { resource } = entry;
  const out: ObjectDefinition[] = [];
  if (resource.name) {
    const keyed = resource.group === '' && (resource.kind === 'ConfigMap' || resource.kind === 'Secret');
    const def: ObjectDefinition = {
      group: resource.group,
      kind: resource.kind,
      name: resource.name,
      placements: entry.placements,
      origin: 'manifest',
      uri: resource.uri,
      source: entry,
      keys: keyed ? dataKeys(entry) : undefined,
    };
    out.push(withLazyRange(def, () => resourceRange(resource, ['metadata', 'name'], 'value')));
  }
  out.push(...producedSecrets(entry));
  return out;
}

const BUILTIN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/** Objects that exist in every cluster without a manifest (default ServiceAccount, kube-root-ca.crt…). */
export function builtinDefinition(kind: string, namespace: string, name: string): ObjectDefinition | undefined {
  const make = (keys?: Set<string>, note = 'created by Kubernetes'): ObjectDefinition => ({
    group: kind === 'ClusterRole' || kind === 'Role' ? 'rbac.authorization.k8s.io' : '',
    kind,
    name,
    placements: [{ namespace } satisfies Placement],
    origin: 'built-in',
    keys,
    note,
  });
  switch (kind) {
    case 'ServiceAccount':
      return name === 'default' ? make() : undefined;
    case 'ConfigMap':
      return name === 'kube-root-ca.crt' ? make(new Set(['ca.crt'])) : undefined;
    case 'Service':
      return name === 'kubernetes' && namespace === 'default' ? make() : undefined;
    case 'ClusterRole':
      return BUILTIN_CLUSTER_ROLES.has(name) || name.startsWith('system:') ? make() : undefined;
    case 'Role':
      return namespace === 'kube-system' && (name.startsWith('system:') || name === 'extension-apiserver-authentication-reader') ? make() : undefined;
    default:
      return undefined;
  }
}
