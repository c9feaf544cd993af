/**
 * What the details pane shows for the selected object: its conditions, its owners (to find the
 * manifest), the actions that apply to it and, for Deployments, the revisions to roll back to.
 */
import type { ClusterAction, FaultInfo, KubeObject, ObjectRef } from '../../../../server/src/lsp/protocol';
import type { Condition, OwnerReference } from '../../../../server/src/sim/types';
import { humanDuration } from '../../../../server/src/sim/util/duration';
import { refOf, type ClusterModel } from './clusterModel';

export interface ConditionRow {
  type: string;
  status: string;
  reason: string;
  message: string;
  /** Age of lastTransitionTime. */
  age: string;
}

export function conditionsOf(obj: KubeObject, now: number): ConditionRow[] {
  const conditions = ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).filter((c) => c && typeof c.type === 'string');
  return conditions.map((c) => {
    const at = Date.parse(c.lastTransitionTime ?? c.lastUpdateTime ?? '');
    return { type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '', age: Number.isNaN(at) ? '' : humanDuration(now - at) };
  });
}

/** The object, then its controller, then that one's controller… (a Pod, its ReplicaSet, its Deployment). */
export function ownerChain(model: ClusterModel, obj: KubeObject, limit = 5): ObjectRef[] {
  const chain: ObjectRef[] = [refOf(obj)];
  let current: KubeObject | undefined = obj;
  while (current && chain.length < limit) {
    const owners: OwnerReference[] = (current.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
    const ref: OwnerReference | undefined = owners.find((o) => o.controller) ?? owners[0];
    if (!ref) break;
    const owner: KubeObject | undefined = model.byUidOf(ref.uid) ?? model.get(ref.kind, current.metadata.namespace, ref.name);
    chain.push(owner ? refOf(owner) : { kind: ref.kind, name: ref.name, ...(current.metadata.namespace ? { namespace: current.metadata.namespace } : {}) });
    current = owner;
  }
  return chain;
}

export interface Revision {
  revision: number;
  replicaSet: string;
  images: string;
  current: boolean;
}

/** The ReplicaSets a Deployment controls, newest revision first (what `rollout undo` can go back to). */
export function revisionsOf(model: ClusterModel, deployment: KubeObject): Revision[] {
  const currentRevision = Number((deployment.metadata.annotations as Record<string, string> | undefined)?.['deployment.kubernetes.io/revision'] ?? NaN);
  const out: Revision[] = [];
  for (const rs of model.list('ReplicaSet', deployment.metadata.namespace)) {
    const owners = (rs.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
    if (!owners.some((o) => o.uid === deployment.metadata.uid)) continue;
    const revision = Number((rs.metadata.annotations as Record<string, string> | undefined)?.['deployment.kubernetes.io/revision']);
    if (!Number.isInteger(revision)) continue;
    const containers = ((rs.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers ?? []).map(
      (c) => c.image ?? '',
    );
    out.push({ revision, replicaSet: rs.metadata.name, images: containers.join(', '), current: revision === currentRevision });
  }
  return out.sort((a, b) => b.revision - a.revision);
}

/** One button (or form) in the details pane. */
export interface ActionSpec {
  id: string;
  label: string;
  /** The request, or a template that needs a value from the user (replicas, revision). */
  action: ClusterAction;
  /** Destructive: shown in the error colour. */
  danger?: boolean;
  input?: 'replicas' | 'revision';
}

const faults = (namespace: string, name: string): ActionSpec[] => [
  { id: 'crash', label: 'Crash', action: { type: 'fault', fault: 'crash', namespace, name }, danger: true },
  { id: 'imagePullFailure', label: 'Image pull failure', action: { type: 'fault', fault: 'imagePullFailure', namespace, name }, danger: true },
  { id: 'readinessFailure', label: 'Readiness failure', action: { type: 'fault', fault: 'readinessFailure', namespace, name }, danger: true },
];

const FAULT_NAMES: Record<FaultInfo['fault'], string> = { crash: 'crash', imagePullFailure: 'image pull failure', readinessFailure: 'readiness failure' };

/**
 * "Clear fault" for every fault that affects the object: injected on it, or (for a pod) on the
 * workload it belongs to.
 */
export function clearFaultActions(model: ClusterModel, obj: KubeObject): ActionSpec[] {
  const chain = obj.kind === 'Pod' ? ownerChain(model, obj) : [{ kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name }];
  const same = (a: ObjectRef, b: ObjectRef): boolean => a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
  return model.faults
    .filter((f) => chain.some((ref) => same(ref, f.target)))
    .map((f) => {
      const own = same(f.target, chain[0]);
      const where = own ? '' : ` (on ${f.target.kind.toLowerCase()}/${f.target.name})`;
      return { id: `clearFault:${f.id}`, label: `Clear fault: ${FAULT_NAMES[f.fault]}${where}`, action: { type: 'clearFault', id: f.id } };
    });
}

/** The actions that apply to an object, in display order. Faults on a workload apply to all its pods. */
export function actionsFor(model: ClusterModel, obj: KubeObject): ActionSpec[] {
  return [...clearFaultActions(model, obj), ...objectActions(model, obj)];
}

function objectActions(model: ClusterModel, obj: KubeObject): ActionSpec[] {
  const name = obj.metadata.name;
  const namespace = obj.metadata.namespace ?? 'default';
  const replicas = Number((obj.spec as { replicas?: number } | undefined)?.replicas ?? 1);
  switch (obj.kind) {
    case 'Pod':
      return [{ id: 'deletePod', label: 'Delete pod', action: { type: 'deletePod', namespace, name }, danger: true }, ...faults(namespace, name)];
    case 'Deployment': {
      const specs: ActionSpec[] = [
        { id: 'scale', label: 'Scale', action: { type: 'scale', kind: 'Deployment', namespace, name, replicas }, input: 'replicas' },
        { id: 'rolloutRestart', label: 'Rollout restart', action: { type: 'rolloutRestart', kind: 'Deployment', namespace, name } },
      ];
      if (revisionsOf(model, obj).some((r) => !r.current))
        specs.push({ id: 'rolloutUndo', label: 'Rollout undo', action: { type: 'rolloutUndo', namespace, name }, input: 'revision' });
      return [...specs, ...faults(namespace, name)];
    }
    case 'StatefulSet':
      return [
        { id: 'scale', label: 'Scale', action: { type: 'scale', kind: 'StatefulSet', namespace, name, replicas }, input: 'replicas' },
        { id: 'rolloutRestart', label: 'Rollout restart', action: { type: 'rolloutRestart', kind: 'StatefulSet', namespace, name } },
        ...faults(namespace, name),
      ];
    case 'ReplicaSet':
      return [
        { id: 'scale', label: 'Scale', action: { type: 'scale', kind: 'ReplicaSet', namespace, name, replicas }, input: 'replicas' },
        ...faults(namespace, name),
      ];
    case 'DaemonSet':
      return [
        { id: 'rolloutRestart', label: 'Rollout restart', action: { type: 'rolloutRestart', kind: 'DaemonSet', namespace, name } },
        ...faults(namespace, name),
      ];
    case 'Job':
      return faults(namespace, name);
    case 'Node': {
      const cordoned = (obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
      const ready = ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      return [
        cordoned
          ? { id: 'uncordon', label: 'Uncordon', action: { type: 'uncordon', node: name } }
          : { id: 'cordon', label: 'Cordon', action: { type: 'cordon', node: name } },
        { id: 'drain', label: 'Drain', action: { type: 'drain', node: name }, danger: true },
        ready
          ? { id: 'failNode', label: 'Fail node', action: { type: 'failNode', node: name }, danger: true }
          : { id: 'recoverNode', label: 'Recover node', action: { type: 'recoverNode', node: name } },
      ];
    }
    default:
      return [];
  }
}
