import { isRecord } from '../../model/resource';
import type { DocumentCheck } from '../check';
import { requiredValue } from '../util/messages';

/** The volume sources of a PersistentVolumeSpec; the API server requires one. */
const VOLUME_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'hostPath',
  'glusterfs',
  'nfs',
  'rbd',
  'iscsi',
  'cinder',
  'cephfs',
  'fc',
  'flocker',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

/** What ValidatePersistentVolumeSpec requires and `spec` lacks (a missing spec is an empty one). */
export function missingPersistentVolumeFields(rawSpec: unknown): ('accessModes' | 'capacity' | 'volume type')[] {
  const spec = isRecord(rawSpec) ? rawSpec : {};
  const missing: ('accessModes' | 'capacity' | 'volume type')[] = [];
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) missing.push('accessModes');
  if (!isRecord(spec.capacity) || Object.keys(spec.capacity).length === 0) missing.push('capacity');
  if (!VOLUME_SOURCES.some((source) => isRecord(spec[source]))) missing.push('volume type');
  return missing;
}

export const persistentVolumesCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'persistent-volumes',
  description: 'PersistentVolumes: access modes, a capacity and a volume source are required (a missing spec is rejected like an empty one).',
  defaultSeverity: 'error',
  kinds: ['PersistentVolume'],
  check(ctx) {
    if (ctx.isPatch) return;
    for (const field of missingPersistentVolumeFields(ctx.resource.object.spec)) {
      if (field === 'volume type') ctx.report({ path: ['spec'], target: 'key', message: requiredValue(['spec'], 'must specify a volume type') });
      else ctx.report({ path: ['spec', field], target: 'key', message: requiredValue(['spec', field]) });
    }
  },
};
