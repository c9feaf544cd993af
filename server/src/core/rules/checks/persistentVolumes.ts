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

export const persistentVolumesCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'persistent-volumes',
  description: 'PersistentVolumes: access modes, a capacity and a volume source are required (a missing spec is rejected like an empty one).',
  defaultSeverity: 'error',
  kinds: ['PersistentVolume'],
  check(ctx) {
    if (ctx.isPatch) return;
    const raw = ctx.resource.object.spec;
    const spec = isRecord(raw) ? raw : {};
    const modes = spec.accessModes;
    if (!Array.isArray(modes) || modes.length === 0)
      ctx.report({ path: ['spec', 'accessModes'], target: 'key', message: requiredValue(['spec', 'accessModes']) });
    const capacity = spec.capacity;
    if (!isRecord(capacity) || Object.keys(capacity).length === 0)
      ctx.report({ path: ['spec', 'capacity'], target: 'key', message: requiredValue(['spec', 'capacity']) });
    if (!VOLUME_SOURCES.some((source) => isRecord(spec[source])))
      ctx.report({ path: ['spec'], target: 'key', message: requiredValue(['spec'], 'must specify a volume type') });
  },
};
