import type { SimContext } from '../../context';
import type { KObject, Pod } from '../../types';
import { matchesNodeAffinity, type SimNode } from './fit';

export type Claim = KObject & {
  spec: { storageClassName?: string; volumeName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> }; selector?: unknown; volumeMode?: string };
  status?: { phase?: string; capacity?: Record<string, string>; accessModes?: string[] };
};

export interface VolumeCheck {
  /** A PreFilter failure: the pod cannot be scheduled anywhere. */
  preFilterError?: string;
  /** Claims that wait for this pod's node (WaitForFirstConsumer). */
  delayed: Claim[];
  /** Bound claims whose volumes constrain nodes. */
  bound: Claim[];
}

export function claimNames(pod: Pod): string[] {
  return (pod.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim?.claimName).map((v) => v.persistentVolumeClaim!.claimName);
}

export function bindingMode(ctx: SimContext, claim: Claim): string {
  const className = claim.spec.storageClassName;
  if (!className) return 'Immediate';
  const sc = ctx.store.get('StorageClass', undefined, className) as (KObject & { volumeBindingMode?: string }) | undefined;
  return sc?.volumeBindingMode ?? 'Immediate';
}

/** VolumeBinding PreFilter. */
export function checkVolumes(ctx: SimContext, pod: Pod): VolumeCheck {
  const result: VolumeCheck = { delayed: [], bound: [] };
  for (const name of claimNames(pod)) {
    const claim = ctx.store.get<Claim>('PersistentVolumeClaim', pod.metadata.namespace, name);
    if (!claim) return { ...result, preFilterError: `persistentvolumeclaim "${name}" not found` };
    if (claim.metadata.deletionTimestamp) return { ...result, preFilterError: `persistentvolumeclaim "${name}" is being deleted` };
    if (claim.status?.phase === 'Bound' && claim.spec.volumeName) result.bound.push(claim);
    else if (bindingMode(ctx, claim) === 'WaitForFirstConsumer') result.delayed.push(claim);
    else return { ...result, preFilterError: 'pod has unbound immediate PersistentVolumeClaims' };
  }
  return result;
}

/** VolumeBinding Filter for bound claims: the PV's node affinity must admit the node. */
export function volumeNodeConflict(ctx: SimContext, check: VolumeCheck, node: SimNode): boolean {
  for (const claim of check.bound) {
    const pv = ctx.store.get('PersistentVolume', undefined, claim.spec.volumeName!) as (KObject & { spec: { nodeAffinity?: { required?: { nodeSelectorTerms: unknown[] } } } }) | undefined;
    const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (!terms) continue;
    const fakePod = { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } } as unknown as Pod;
    if (!matchesNodeAffinity(fakePod, node)) return true;
  }
  return false;
}
