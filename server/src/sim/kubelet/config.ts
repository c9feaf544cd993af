import type { SimContext } from '../context';
import type { Container, KObject, Pod } from '../types';

type DataObject = KObject & { data?: Record<string, string>; binaryData?: Record<string, string>; stringData?: Record<string, string> };

function hasKey(obj: DataObject, key: string): boolean {
  return (obj.data !== undefined && key in obj.data) || (obj.binaryData !== undefined && key in obj.binaryData) || (obj.stringData !== undefined && key in obj.stringData);
}

/** The kubelet's error for a container whose env refers to a missing ConfigMap or Secret (CreateContainerConfigError). */
export function containerConfigError(ctx: SimContext, pod: Pod, container: Container): string | undefined {
  const ns = pod.metadata.namespace;
  for (const env of container.env ?? []) {
    const cm = env.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) {
      const obj = ctx.store.get<DataObject>('ConfigMap', ns, cm.name);
      if (!obj) return `configmap "${cm.name}" not found`;
      if (!hasKey(obj, cm.key)) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
    }
    const secret = env.valueFrom?.secretKeyRef;
    if (secret && !secret.optional) {
      const obj = ctx.store.get<DataObject>('Secret', ns, secret.name);
      if (!obj) return `secret "${secret.name}" not found`;
      if (!hasKey(obj, secret.key)) return `couldn't find key ${secret.key} in Secret ${ns}/${secret.name}`;
    }
  }
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef && !from.configMapRef.optional && !ctx.store.get('ConfigMap', ns, from.configMapRef.name)) return `configmap "${from.configMapRef.name}" not found`;
    if (from.secretRef && !from.secretRef.optional && !ctx.store.get('Secret', ns, from.secretRef.name)) return `secret "${from.secretRef.name}" not found`;
  }
  return undefined;
}

/** FailedMount message for a configMap/secret volume whose source is missing. */
export function volumeMountError(ctx: SimContext, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace;
  for (const volume of pod.spec.volumes ?? []) {
    if (volume.configMap && !volume.configMap.optional && !ctx.store.get('ConfigMap', ns, volume.configMap.name)) {
      return `MountVolume.SetUp failed for volume "${volume.name}" : configmap "${volume.configMap.name}" not found`;
    }
    if (volume.secret && !volume.secret.optional && !ctx.store.get('Secret', ns, volume.secret.secretName)) {
      return `MountVolume.SetUp failed for volume "${volume.name}" : secret "${volume.secret.secretName}" not found`;
    }
  }
  return undefined;
}

/** docker.io/library/nginx:latest for "nginx". */
export function fullImageName(image: string): string {
  let name = image;
  const lastSlash = name.lastIndexOf('/');
  if (!name.includes('@') && name.indexOf(':', lastSlash + 1) < 0) name += ':latest';
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return name;
  return name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
}

export function isValidImageName(image: string): boolean {
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/.test(image.replace(/^([a-z0-9.-]+\.[a-z]+(?::\d+)?|localhost(?::\d+)?)\//, 'registry/'));
}
