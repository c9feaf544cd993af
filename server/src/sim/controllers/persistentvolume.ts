import type { Controller, SimContext } from '../context';
import { createObject, deleteObject, removeFinalizer } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject, LabelSelector, Pod } from '../types';
import { matchesSelector } from '../util/labels';
import { isTerminal, splitKey } from '../util/pods';
import { bytes } from '../util/quantity';
import { isRecord } from '../util/record';
import type { Claim } from './scheduler/volumes';

const SOURCE = 'persistentvolume-controller';
const PROVISION_MS = 1500;

type Volume = KObject & {
  spec: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    claimRef?: { namespace?: string; name: string; uid?: string; kind?: string; apiVersion?: string };
    persistentVolumeReclaimPolicy?: string;
    nodeAffinity?: unknown;
    hostPath?: unknown;
  };
  status?: { phase?: string; reason?: string; message?: string };
};

type StorageClass = KObject & { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string };

/** The PV controller and a dynamic provisioner for every StorageClass: binding, provisioning, release and protection. */
export function persistentVolumeController(ctx: SimContext): Controller {
  const name = 'pv';
  const announced = (): Record<string, string> => ctx.state<Record<string, string>>('pv.announced', () => ({}));
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'PersistentVolumeClaim') {
        ctx.enqueue(name, `pvc:${obj.metadata.namespace}/${obj.metadata.name}`);
        if (change.type === 'DELETED' && (obj as Claim).spec.volumeName) ctx.enqueue(name, `pv:${(obj as Claim).spec.volumeName}`);
      } else if (obj.kind === 'PersistentVolume') {
        ctx.enqueue(name, `pv:${obj.metadata.name}`);
        if (change.type !== 'DELETED')
          for (const pvc of ctx.store.list<Claim>('PersistentVolumeClaim'))
            if (pvc.status?.phase !== 'Bound') ctx.enqueue(name, `pvc:${pvc.metadata.namespace}/${pvc.metadata.name}`);
      } else if (obj.kind === 'Pod' && (change.type === 'DELETED' || isTerminal(obj as Pod))) {
        for (const v of (obj as Pod).spec.volumes ?? [])
          if (v.persistentVolumeClaim) ctx.enqueue(name, `pvc:${obj.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
      }
    },
    reconcile(key: string) {
      if (key.startsWith('pv:')) syncVolume(ctx, key.slice(3));
      else {
        const [ns, claimName] = splitKey(key.slice(4));
        const pvc = ctx.store.get<Claim>('PersistentVolumeClaim', ns, claimName);
        if (pvc) syncClaim(ctx, pvc, announced());
      }
    },
    timers: {
      'pv.provision': (key) => {
        const [ns, claimName] = splitKey(key);
        const pvc = ctx.store.get<Claim>('PersistentVolumeClaim', ns, claimName);
        if (pvc && pvc.status?.phase !== 'Bound' && !pvc.metadata.deletionTimestamp) provision(ctx, pvc);
      },
    },
  };
}

function usedByPod(ctx: SimContext, pvc: Claim): boolean {
  return ctx.store
    .list<Pod>('Pod', pvc.metadata.namespace)
    .some((p) => !isTerminal(p) && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
}

function requested(pvc: Claim): number {
  return bytes(pvc.spec.resources?.requests?.storage ?? '0');
}

function mismatch(pv: Volume, pvc: Claim): string | undefined {
  if (bytes(pv.spec.capacity?.storage ?? '0') < requested(pvc)) return 'requested PV is too small';
  if ((pv.spec.storageClassName ?? '') !== (pvc.spec.storageClassName ?? '')) return 'storageClassName does not match';
  if (!(pvc.spec.accessModes ?? []).every((m) => (pv.spec.accessModes ?? []).includes(m))) return 'incompatible accessMode';
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (pvc.spec.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  return undefined;
}

function syncClaim(ctx: SimContext, pvc: Claim, announced: Record<string, string>): void {
  if (pvc.metadata.deletionTimestamp) {
    if (!usedByPod(ctx, pvc)) removeFinalizer(ctx, pvc, 'kubernetes.io/pvc-protection');
    return;
  }
  const say = (type: 'Normal' | 'Warning', reason: string, message: string): void => {
    if (announced[pvc.metadata.uid] === `${reason}:${message}`) return;
    announced[pvc.metadata.uid] = `${reason}:${message}`;
    ctx.record(pvc, type, reason, message, SOURCE);
  };
  if (pvc.status?.phase === 'Bound') {
    if (pvc.spec.volumeName && !ctx.store.get('PersistentVolume', undefined, pvc.spec.volumeName)) {
      ctx.store.mutate(pvc, (c) => {
        c.status = { ...(c.status ?? {}), phase: 'Lost' };
      });
      ctx.record(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', SOURCE);
    }
    return;
  }
  if (pvc.spec.volumeName) {
    const pv = ctx.store.get<Volume>('PersistentVolume', undefined, pvc.spec.volumeName);
    if (!pv) return;
    const reason = mismatch(pv, pvc);
    if (reason) say('Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${reason}`);
    else if (pv.spec.claimRef && pv.spec.claimRef.uid && pv.spec.claimRef.uid !== pvc.metadata.uid)
      say('Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`);
    else bind(ctx, pv, pvc);
    return;
  }
  const className = pvc.spec.storageClassName;
  const sc = className ? ctx.store.get<StorageClass>('StorageClass', undefined, className) : undefined;
  const delayed = sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const selectedNode = pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'];
  if (!delayed || selectedNode) {
    const match = findMatchingVolume(ctx, pvc);
    if (match) {
      bind(ctx, match, pvc);
      return;
    }
  }
  if (!className) {
    say('Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  if (!sc) {
    say('Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  if (delayed && !selectedNode) {
    say('Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return;
  }
  if (announced[pvc.metadata.uid]?.startsWith('Provisioning:')) return;
  say(
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
  announced[pvc.metadata.uid] = 'Provisioning:';
  ctx.record(
    pvc,
    'Normal',
    'Provisioning',
    `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`,
    sc.provisioner ?? SOURCE,
  );
  ctx.after(PROVISION_MS, 'pv.provision', `${pvc.metadata.namespace}/${pvc.metadata.name}`, undefined, true);
}

/** FindMatchingVolume: the smallest available volume that satisfies the claim. */
function findMatchingVolume(ctx: SimContext, pvc: Claim): Volume | undefined {
  let best: Volume | undefined;
  for (const pv of ctx.store.list<Volume>('PersistentVolume')) {
    if (pv.metadata.deletionTimestamp || !isRecord(pv.spec)) continue;
    if (pv.spec.claimRef) {
      if (
        pv.spec.claimRef.name === pvc.metadata.name &&
        pv.spec.claimRef.namespace === pvc.metadata.namespace &&
        (!pv.spec.claimRef.uid || pv.spec.claimRef.uid === pvc.metadata.uid) &&
        !mismatch(pv, pvc)
      )
        return pv;
      continue;
    }
    if (pv.status?.phase !== 'Available') continue;
    if (mismatch(pv, pvc)) continue;
    if (pvc.spec.selector && !matchesSelector(pvc.spec.selector as LabelSelector, pv.metadata.labels)) continue;
    if (!best || bytes(pv.spec.capacity?.storage ?? '0') < bytes(best.spec.capacity?.storage ?? '0')) best = pv;
  }
  return best;
}

function provision(ctx: SimContext, pvc: Claim): void {
  const sc = ctx.store.get<StorageClass>('StorageClass', undefined, pvc.spec.storageClassName ?? '');
  if (!sc) return;
  const node = pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'];
  const pv = createObject<Volume>(ctx, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: `pvc-${pvc.metadata.uid}`,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner ?? '' },
    },
    spec: {
      capacity: { storage: pvc.spec.resources?.requests?.storage ?? '0' },
      accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
      storageClassName: sc.metadata.name,
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid },
      hostPath: { path: `/var/lib/shipshape/volumes/pvc-${pvc.metadata.uid}`, type: 'DirectoryOrCreate' },
      ...(node
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } }
        : {}),
    },
  });
  ctx.record(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, sc.provisioner ?? SOURCE);
  bind(ctx, pv, pvc);
}

function bind(ctx: SimContext, pv: Volume, pvc: Claim): void {
  ctx.store.mutate(pv, (v) => {
    v.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid };
    v.metadata.annotations = { ...(v.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
    v.status = { phase: 'Bound' };
  });
  ctx.store.mutate(pvc, (c) => {
    c.spec.volumeName = pv.metadata.name;
    c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
    c.status = { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: { ...(pv.spec.capacity ?? {}) } };
  });
}

function syncVolume(ctx: SimContext, name: string): void {
  const pv = ctx.store.get<Volume>('PersistentVolume', undefined, name);
  if (!pv) return;
  if (pv.metadata.deletionTimestamp) {
    if (pv.status?.phase !== 'Bound') removeFinalizer(ctx, pv, 'kubernetes.io/pv-protection');
    return;
  }
  if (!isRecord(pv.spec) || !pv.spec.claimRef) {
    if (pv.status?.phase !== 'Available')
      ctx.store.mutate(pv, (v) => {
        v.status = { phase: 'Available' };
      });
    return;
  }
  const claim = ctx.store.get<Claim>('PersistentVolumeClaim', pv.spec.claimRef.namespace, pv.spec.claimRef.name);
  const gone = !claim || (pv.spec.claimRef.uid && claim.metadata.uid !== pv.spec.claimRef.uid);
  if (!gone) {
    if (pv.status?.phase !== 'Bound' && claim?.spec.volumeName === pv.metadata.name)
      ctx.store.mutate(pv, (v) => {
        v.status = { phase: 'Bound' };
      });
    return;
  }
  if (pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
    ctx.store.mutate(pv, (v) => {
      v.status = { phase: 'Released' };
    });
    const released = ctx.store.get<Volume>('PersistentVolume', undefined, name)!;
    deleteObject(ctx, released);
    removeFinalizer(ctx, released, 'kubernetes.io/pv-protection');
    return;
  }
  if (pv.status?.phase !== 'Released')
    ctx.store.mutate(pv, (v) => {
      v.status = { phase: 'Released' };
    });
}
