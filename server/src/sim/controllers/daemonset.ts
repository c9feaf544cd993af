import type { Controller, SimContext } from '../context';
import { ApiError, createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject, LabelSelector, Pod, PodTemplate, Toleration } from '../types';
import { podTemplateHash } from '../util/names';
import { controllerRef, isPodAvailable, isPodReady, isTerminal, splitKey } from '../util/pods';
import { podFromTemplate } from './replicaset';
import { REVISION_HASH_LABEL, syncRevisions } from './history';
import { matchesNodeAffinity, untoleratedTaint, type SimNode } from './scheduler/fit';
import { scaledValue } from './deployment/fenceposts';

const SOURCE = 'daemonset-controller';

type DaemonSet = KObject & {
  spec: { selector: LabelSelector; template: PodTemplate; minReadySeconds?: number; revisionHistoryLimit?: number; updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } };
  status?: Record<string, unknown>;
};

/** Tolerations the DaemonSet controller adds to its pods. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** The DaemonSet controller: one pod per eligible node, pinned with required node affinity; RollingUpdate by maxUnavailable. */
export function daemonSetController(ctx: SimContext): Controller {
  const name = 'daemonset';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'DaemonSet') ctx.enqueue(name, `${obj.metadata.namespace}/${obj.metadata.name}`);
      else if (obj.kind === 'Pod') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'DaemonSet') ctx.enqueue(name, `${obj.metadata.namespace}/${ref.name}`);
      } else if (obj.kind === 'Node') for (const ds of ctx.store.list('DaemonSet')) ctx.enqueue(name, `${ds.metadata.namespace}/${ds.metadata.name}`);
    },
    reconcile(key: string) {
      const [ns, dsName] = splitKey(key);
      const ds = ctx.store.get<DaemonSet>('DaemonSet', ns, dsName);
      if (ds && !ds.metadata.deletionTimestamp) sync(ctx, ds);
    },
    timers: { 'daemonset.resync': (key) => ctx.enqueue(name, key) },
  };
}

function withTolerations(template: PodTemplate): Toleration[] {
  const own = template.spec.tolerations ?? [];
  return [...own, ...DAEMON_TOLERATIONS.filter((t) => !own.some((o) => o.key === t.key && o.effect === t.effect))];
}

function sync(ctx: SimContext, ds: DaemonSet): void {
  const hash = podTemplateHash(ds.spec.template);
  const tolerations = withTolerations(ds.spec.template);
  const probe = { spec: { ...ds.spec.template.spec, tolerations } } as unknown as Pod;
  const nodes = ctx.store.list<SimNode>('Node');
  const eligible = nodes.filter((n) => matchesNodeAffinity(probe, n) && !untoleratedTaint(n, tolerations));
  const owned = ctx.store.dependents(ds.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerRef(o)?.uid === ds.metadata.uid && !isTerminal(o as Pod));
  syncRevisions(ctx, ds, hash, new Set(owned.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '')));
  const byNode = new Map<string, Pod[]>();
  for (const pod of owned) {
    const node = pinnedNode(pod);
    if (!byNode.has(node)) byNode.set(node, []);
    byNode.get(node)!.push(pod);
  }
  const eligibleNames = new Set(eligible.map((n) => n.metadata.name));
  for (const [node, podsOnNode] of byNode) {
    if (!eligibleNames.has(node)) for (const p of podsOnNode) if (!p.metadata.deletionTimestamp) removePod(ctx, ds, p);
  }
  const now = ctx.now();
  const minReady = ds.spec.minReadySeconds ?? 0;
  const maxUnavailable = Math.max(1, scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, eligible.length, true));
  let unavailable = 0;
  for (const node of eligible) {
    const live = (byNode.get(node.metadata.name) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    if (live.length === 0 || !live.some((p) => isPodAvailable(p, minReady, now))) unavailable++;
  }
  for (const node of eligible) {
    const all = byNode.get(node.metadata.name) ?? [];
    const live = all.filter((p) => !p.metadata.deletionTimestamp);
    if (live.length === 0) {
      if (all.length === 0) createPod(ctx, ds, node.metadata.name, hash, tolerations);
      continue;
    }
    for (const extra of live.slice(1)) removePod(ctx, ds, extra);
    const pod = live[0];
    if (pod.metadata.labels?.['controller-revision-hash'] === hash || ds.spec.updateStrategy?.type === 'OnDelete') continue;
    const podAvailable = isPodAvailable(pod, minReady, now);
    if (!podAvailable || unavailable < maxUnavailable) {
      if (podAvailable) unavailable++;
      removePod(ctx, ds, pod);
    }
  }
  writeStatus(ctx, ds, eligible.length, hash);
}

function pinnedNode(pod: Pod): string {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.[0]) return f.values[0];
  return pod.spec.nodeName ?? '';
}

function createPod(ctx: SimContext, ds: DaemonSet, node: string, hash: string, tolerations: Toleration[]): void {
  const pod = podFromTemplate(ds.spec.template, ds, `${ds.metadata.name}-`);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) };
  pod.spec.tolerations = tolerations;
  pod.spec.affinity = { ...(pod.spec.affinity ?? {}), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
  try {
    const created = createObject(ctx, pod);
    ctx.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
  } catch (err) {
    ctx.record(ds, 'Warning', 'FailedCreate', `Error creating: ${err instanceof ApiError ? err.message : String(err)}`, SOURCE);
  }
}

function removePod(ctx: SimContext, ds: DaemonSet, pod: Pod): void {
  deleteObject(ctx, pod);
  ctx.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
}

function writeStatus(ctx: SimContext, ds: DaemonSet, desired: number, hash: string): void {
  const pods = ctx.store.dependents(ds.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && !isTerminal(o as Pod) && !o.metadata.deletionTimestamp);
  const now = ctx.now();
  const scheduled = pods.filter((p) => p.spec.nodeName);
  const ready = scheduled.filter(isPodReady).length;
  const available = scheduled.filter((p) => isPodAvailable(p, ds.spec.minReadySeconds ?? 0, now)).length;
  const status = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: available,
    numberUnavailable: Math.max(0, desired - available),
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
    observedGeneration: ds.metadata.generation,
  };
  const current = ctx.store.get<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name);
  if (current) ctx.store.mutate(current, (d) => {
    d.status = status;
  });
}
