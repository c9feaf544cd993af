/**
 * The by-name references of a resource to other objects: ConfigMaps, Secrets, PVCs and
 * ServiceAccounts from pod specs, Services from Ingresses and StatefulSets, roles and subjects of
 * RBAC bindings, HPA targets. Used by the missing-* rules, go-to-definition and find-references.
 */
import type { JsonPath } from '../model/locate';
import { isRecord, splitApiVersion } from '../model/resource';
import type { IndexedResource, Reference } from './model';
import { podSpecSite, valueAt } from './podTemplates';

type Emit = (ref: Omit<Reference, 'targetNamespace' | 'explicitNamespace' | 'optional'> & { optional?: boolean; targetNamespace?: string }) => void;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `items[].key` of configMap/secret volumes and projections. */
function itemKeys(source: Record<string, unknown>, at: JsonPath, emit: Emit, base: Parameters<Emit>[0]): void {
  list(source.items).forEach((item, i) => {
    if (isRecord(item) && str(item.key)) emit({ ...base, key: item.key as string, keyPath: [...at, 'items', i, 'key'] });
  });
}

const VOLUME_SECRET_REFS: [string, string][] = [
  ['csi', 'nodePublishSecretRef'],
  ['cephfs', 'secretRef'],
  ['rbd', 'secretRef'],
  ['iscsi', 'secretRef'],
  ['flexVolume', 'secretRef'],
  ['scaleIO', 'secretRef'],
  ['storageos', 'secretRef'],
];

/**
 * @param claimTemplates names of a StatefulSet's volumeClaimTemplates: the controller replaces pod
 * volumes of the same name with the per-pod claims, so their claimName is not a reference.
 */
function volumeReferences(spec: Record<string, unknown>, specPath: JsonPath, emit: Emit, claimTemplates: ReadonlySet<string>): void {
  list(spec.volumes).forEach((volume, vi) => {
    if (!isRecord(volume) || (typeof volume.name === 'string' && claimTemplates.has(volume.name))) return;
    const at: JsonPath = [...specPath, 'volumes', vi];
    const via = `volume '${str(volume.name) ?? vi}'`;
    if (isRecord(volume.configMap) && str(volume.configMap.name)) {
      const base = { rule: 'missing-configmap', detailRule: 'missing-configmap-key', targetKind: 'ConfigMap', targetName: volume.configMap.name as string, path: [...at, 'configMap', 'name'], optional: volume.configMap.optional === true, via };
      emit(base);
      itemKeys(volume.configMap, [...at, 'configMap'], emit, base);
    }
    if (isRecord(volume.secret) && str(volume.secret.secretName)) {
      const base = { rule: 'missing-secret', detailRule: 'missing-secret-key', targetKind: 'Secret', targetName: volume.secret.secretName as string, path: [...at, 'secret', 'secretName'], optional: volume.secret.optional === true, via };
      emit(base);
      itemKeys(volume.secret, [...at, 'secret'], emit, base);
    }
    if (isRecord(volume.projected)) {
      list(volume.projected.sources).forEach((source, si) => {
        if (!isRecord(source)) return;
        for (const [field, kind] of [
          ['configMap', 'ConfigMap'],
          ['secret', 'Secret'],
        ] as const) {
          const ref = source[field];
          if (!isRecord(ref) || !str(ref.name)) continue;
          const refAt: JsonPath = [...at, 'projected', 'sources', si, field];
          const rule = kind === 'ConfigMap' ? 'missing-configmap' : 'missing-secret';
          const base = { rule, detailRule: `${rule}-key`, targetKind: kind, targetName: ref.name as string, path: [...refAt, 'name'], optional: ref.optional === true, via };
          emit(base);
          itemKeys(ref, refAt, emit, base);
        }
      });
    }
    if (isRecord(volume.persistentVolumeClaim) && str(volume.persistentVolumeClaim.claimName)) {
      emit({ rule: 'missing-pvc', targetKind: 'PersistentVolumeClaim', targetName: volume.persistentVolumeClaim.claimName as string, path: [...at, 'persistentVolumeClaim', 'claimName'], via });
    }
    for (const [type, field] of VOLUME_SECRET_REFS) {
      const source = volume[type];
      const ref = isRecord(source) ? source[field] : undefined;
      if (isRecord(ref) && str(ref.name)) emit({ rule: 'missing-secret', targetKind: 'Secret', targetName: ref.name as string, path: [...at, type, field, 'name'], via });
    }
    if (isRecord(volume.azureFile) && str(volume.azureFile.secretName)) {
      emit({ rule: 'missing-secret', targetKind: 'Secret', targetName: volume.azureFile.secretName as string, path: [...at, 'azureFile', 'secretName'], via });
    }
  });
}

function containerReferences(spec: Record<string, unknown>, specPath: JsonPath, emit: Emit): void {
  for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
    list(spec[field]).forEach((container, ci) => {
      if (!isRecord(container)) return;
      const at: JsonPath = [...specPath, field, ci];
      const containerName = str(container.name) ?? `#${ci}`;
      list(container.env).forEach((env, ei) => {
        if (!isRecord(env) || !isRecord(env.valueFrom)) return;
        const via = `env ${str(env.name) ?? ei} of container '${containerName}'`;
        for (const [field2, kind] of [
          ['configMapKeyRef', 'ConfigMap'],
          ['secretKeyRef', 'Secret'],
        ] as const) {
          const ref = env.valueFrom[field2];
          if (!isRecord(ref) || !str(ref.name)) continue;
          const refAt: JsonPath = [...at, 'env', ei, 'valueFrom', field2];
          const rule = kind === 'ConfigMap' ? 'missing-configmap' : 'missing-secret';
          const key = str(ref.key);
          emit({ rule, detailRule: `${rule}-key`, targetKind: kind, targetName: ref.name as string, path: [...refAt, 'name'], optional: ref.optional === true, via, ...(key ? { key, keyPath: [...refAt, 'key'] } : {}) });
        }
      });
      list(container.envFrom).forEach((source, si) => {
        if (!isRecord(source)) return;
        for (const [field2, kind] of [
          ['configMapRef', 'ConfigMap'],
          ['secretRef', 'Secret'],
        ] as const) {
          const ref = source[field2];
          if (!isRecord(ref) || !str(ref.name)) continue;
          emit({ rule: kind === 'ConfigMap' ? 'missing-configmap' : 'missing-secret', targetKind: kind, targetName: ref.name as string, path: [...at, 'envFrom', si, field2, 'name'], optional: ref.optional === true, via: `envFrom of container '${containerName}'` });
        }
      });
    });
  }
}

function podSpecReferences(spec: Record<string, unknown>, specPath: JsonPath, emit: Emit, claimTemplates: ReadonlySet<string>): void {
  containerReferences(spec, specPath, emit);
  volumeReferences(spec, specPath, emit, claimTemplates);
  list(spec.imagePullSecrets).forEach((s, i) => {
    if (isRecord(s) && str(s.name)) emit({ rule: 'missing-secret', targetKind: 'Secret', targetName: s.name as string, path: [...specPath, 'imagePullSecrets', i, 'name'], via: 'imagePullSecrets' });
  });
  const accountField = str(spec.serviceAccountName) ? 'serviceAccountName' : str(spec.serviceAccount) ? 'serviceAccount' : undefined;
  const account = accountField ? (spec[accountField] as string) : undefined;
  if (accountField && account && account !== 'default') {
    emit({ rule: 'missing-service-account', targetKind: 'ServiceAccount', targetName: account, path: [...specPath, accountField], via: accountField });
  }
}

/** cert-manager's ingress-shim creates the TLS Secrets of annotated Ingresses. */
export function managedByCertManager(object: Record<string, unknown>): boolean {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  return str(annotations['cert-manager.io/cluster-issuer']) !== undefined || str(annotations['cert-manager.io/issuer']) !== undefined || String(annotations['kubernetes.io/tls-acme']) === 'true';
}

function backendReference(backend: unknown, at: JsonPath, via: string, emit: Emit): void {
  if (!isRecord(backend)) return;
  const base = { rule: 'missing-service', detailRule: 'missing-service-port', targetKind: 'Service', via };
  if (isRecord(backend.service) && str(backend.service.name)) {
    const port = isRecord(backend.service.port) ? backend.service.port : {};
    const portField = typeof port.number === 'number' ? 'number' : str(port.name) ? 'name' : undefined;
    emit({ ...base, targetName: backend.service.name as string, path: [...at, 'service', 'name'], ...(portField ? { port: port[portField] as number | string, portPath: [...at, 'service', 'port', portField] } : {}) });
  } else if (str(backend.serviceName)) {
    const port = backend.servicePort;
    const hasPort = typeof port === 'number' || str(port) !== undefined;
    emit({ ...base, targetName: backend.serviceName as string, path: [...at, 'serviceName'], ...(hasPort ? { port: port as number | string, portPath: [...at, 'servicePort'] } : {}) });
  }
}

function ingressReferences(object: Record<string, unknown>, emit: Emit): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  backendReference(spec.defaultBackend, ['spec', 'defaultBackend'], 'defaultBackend', emit);
  backendReference(spec.backend, ['spec', 'backend'], 'backend', emit);
  list(spec.rules).forEach((rule, ri) => {
    if (!isRecord(rule) || !isRecord(rule.http)) return;
    list(rule.http.paths).forEach((p, pi) => {
      if (!isRecord(p)) return;
      const via = `path '${str(p.path) ?? '/'}'${str(rule.host) ? ` of host ${rule.host}` : ''}`;
      backendReference(p.backend, ['spec', 'rules', ri, 'http', 'paths', pi, 'backend'], via, emit);
    });
  });
  const certManager = managedByCertManager(object);
  list(spec.tls).forEach((tls, i) => {
    if (isRecord(tls) && str(tls.secretName)) emit({ rule: 'missing-secret', targetKind: 'Secret', targetName: tls.secretName as string, path: ['spec', 'tls', i, 'secretName'], optional: certManager, via: 'TLS' });
  });
}

function bindingReferences(resource: IndexedResource, emit: Emit): void {
  const { object, kind } = resource.resource;
  const roleRef = isRecord(object.roleRef) ? object.roleRef : undefined;
  if (roleRef && str(roleRef.name) && (roleRef.kind === 'Role' || roleRef.kind === 'ClusterRole')) {
    const clusterRole = roleRef.kind === 'ClusterRole';
    emit({ rule: 'missing-role', targetKind: roleRef.kind, targetGroup: 'rbac.authorization.k8s.io', targetName: roleRef.name as string, path: ['roleRef', 'name'], via: 'roleRef', ...(clusterRole ? { targetNamespace: '' } : {}) });
  }
  list(object.subjects).forEach((subject, i) => {
    if (!isRecord(subject) || subject.kind !== 'ServiceAccount' || !str(subject.name)) return;
    const namespace = str(subject.namespace);
    // A ClusterRoleBinding's ServiceAccount subject must name its namespace (the API server requires it).
    if (!namespace && kind === 'ClusterRoleBinding') return;
    emit({ rule: 'missing-service-account', targetKind: 'ServiceAccount', targetName: subject.name as string, path: ['subjects', i, 'name'], via: 'subject', ...(namespace ? { targetNamespace: namespace } : {}) });
  });
}

function hpaReference(object: Record<string, unknown>, emit: Emit): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (!ref || !str(ref.kind) || !str(ref.name)) return;
  const group = str(ref.apiVersion) ? splitApiVersion(ref.apiVersion as string).group : undefined;
  emit({ rule: 'missing-hpa-target', targetKind: ref.kind as string, targetName: ref.name as string, path: ['spec', 'scaleTargetRef', 'name'], via: 'scaleTargetRef', ...(group !== undefined ? { targetGroup: group } : {}) });
}

/** All by-name references of a resource, in document order. */
export function referencesOf(resource: IndexedResource): Reference[] {
  const out: Reference[] = [];
  const emit: Emit = (ref) => {
    const explicit = ref.targetNamespace !== undefined && ref.targetNamespace !== '';
    out.push({ ...ref, optional: ref.optional ?? false, targetNamespace: ref.targetNamespace ?? resource.namespace, explicitNamespace: explicit });
  };
  const { kind, object, group } = resource.resource;
  const site = podSpecSite(resource);
  if (site) {
    const claimTemplates = new Set<string>();
    if (kind === 'StatefulSet' && isRecord(object.spec)) {
      for (const t of list(object.spec.volumeClaimTemplates)) {
        const name = isRecord(t) && isRecord(t.metadata) ? str(t.metadata.name) : undefined;
        if (name) claimTemplates.add(name);
      }
    }
    podSpecReferences(valueAt(object, site.specPath) as Record<string, unknown>, site.specPath, emit, claimTemplates);
  }
  if (kind === 'StatefulSet' && group === 'apps' && isRecord(object.spec) && str(object.spec.serviceName)) {
    emit({ rule: 'missing-service', targetKind: 'Service', targetName: object.spec.serviceName as string, path: ['spec', 'serviceName'], via: 'serviceName' });
  }
  if (kind === 'Ingress') ingressReferences(object, emit);
  if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && group === 'rbac.authorization.k8s.io') bindingReferences(resource, emit);
  if (kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') hpaReference(object, emit);
  if (kind === 'ServiceAccount' && group === '') {
    list(object.imagePullSecrets).forEach((s, i) => {
      if (isRecord(s) && str(s.name)) emit({ rule: 'missing-secret', targetKind: 'Secret', targetName: s.name as string, path: ['imagePullSecrets', i, 'name'], via: 'imagePullSecrets' });
    });
  }
  return out;
}
