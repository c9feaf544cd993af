import type { Controller, SimContext } from '../context';
import type { StoreChange } from '../store/store';
import type { Condition, KObject, LabelSelector, Pod } from '../types';
import { deepEqual } from '../util/clone';
import { matchesSelector } from '../util/labels';
import { controllerRef, isPodReady, splitKey } from '../util/pods';
import { parseTime, rfc3339 } from '../util/time';
import { scaledValue } from './deployment/fenceposts';

/** How long an eviction stays in `disruptedPods` without the pod being deleted (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60_000;

export type PodDisruptionBudget = KObject & {
  spec?: { selector?: LabelSelector; minAvailable?: number | string; maxUnavailable?: number | string; unhealthyPodEvictionPolicy?: string };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    conditions?: Condition[];
  };
};

/** The pods a budget covers: its namespace, its selector (an empty selector matches every pod; none matches none). */
export function podsOfBudget(ctx: SimContext, pdb: PodDisruptionBudget): Pod[] {
  if (!pdb.spec?.selector) return [];
  return ctx.store.list<Pod>('Pod', pdb.metadata.namespace).filter((p) => matchesSelector(pdb.spec?.selector, p.metadata.labels));
}

/** The budgets that select a pod. */
export function budgetsOfPod(ctx: SimContext, pod: Pod): PodDisruptionBudget[] {
  return ctx.store
    .list<PodDisruptionBudget>('PodDisruptionBudget', pod.metadata.namespace)
    .filter((b) => !!b.spec?.selector && matchesSelector(b.spec?.selector, pod.metadata.labels));
}

/**
 * The disruption controller: keeps each PodDisruptionBudget's status (expectedPods, currentHealthy,
 * desiredHealthy, disruptionsAllowed, disruptedPods, the DisruptionAllowed condition) in step with its pods.
 * upstream: pkg/controller/disruption/disruption.go trySync, getExpectedPodCount, countHealthyPods, buildDisruptedPodMap
 */
export function disruptionController(ctx: SimContext): Controller {
  const name = 'disruption';
  const enqueueFor = (pod: KObject): void => {
    for (const pdb of ctx.store.list<PodDisruptionBudget>('PodDisruptionBudget', pod.metadata.namespace)) {
      if (pdb.spec?.selector && matchesSelector(pdb.spec?.selector, pod.metadata.labels)) ctx.enqueue(name, `${pdb.metadata.namespace}/${pdb.metadata.name}`);
    }
  };
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'PodDisruptionBudget') ctx.enqueue(name, `${obj.metadata.namespace}/${obj.metadata.name}`);
      else if (obj.kind === 'Pod') {
        enqueueFor(obj);
        if (change.old) enqueueFor(change.old);
      } else if (['ReplicaSet', 'Deployment', 'StatefulSet'].includes(obj.kind) && change.type === 'MODIFIED') {
        for (const pdb of ctx.store.list<PodDisruptionBudget>('PodDisruptionBudget', obj.metadata.namespace))
          ctx.enqueue(name, `${pdb.metadata.namespace}/${pdb.metadata.name}`);
      }
    },
    reconcile(key: string) {
      const [ns, pdbName] = splitKey(key);
      const pdb = ctx.store.get<PodDisruptionBudget>('PodDisruptionBudget', ns, pdbName);
      if (pdb && !pdb.metadata.deletionTimestamp) sync(ctx, pdb, key);
    },
    timers: { 'disruption.recheck': (key) => ctx.enqueue(name, key) },
  };
}

function sync(ctx: SimContext, pdb: PodDisruptionBudget, key: string): void {
  const pods = podsOfBudget(ctx, pdb);
  if (pods.length === 0) ctx.record(pdb, 'Normal', 'NoPods', 'No matching pods found', 'controllermanager');
  let counts: { expected: number; desired: number };
  try {
    counts = expectedPodCount(ctx, pdb, pods);
  } catch (err) {
    ctx.record(
      pdb,
      'Warning',
      'CalculateExpectedPodCountFailed',
      `Failed to calculate the number of expected pods: ${(err as Error).message}`,
      'controllermanager',
    );
    writeStatus(
      ctx,
      pdb,
      { ...(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }), disruptionsAllowed: 0 },
      { status: 'False', reason: 'SyncFailed', message: (err as Error).message },
    );
    return;
  }
  const now = ctx.now();
  const disrupted = disruptedPodMap(pdb, pods, now);
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && disrupted[p.metadata.name] === undefined && isPodReady(p)).length;
  let allowed = currentHealthy - counts.desired;
  if (counts.expected <= 0 || allowed <= 0) allowed = 0;
  const next = Object.values(disrupted)
    .map(parseTime)
    .filter((t): t is number => t !== undefined);
  if (next.length > 0) ctx.after(Math.min(...next) + DELETION_TIMEOUT_MS - now, 'disruption.recheck', key, undefined, true);
  const status = {
    disruptedPods: Object.keys(disrupted).length > 0 ? disrupted : undefined,
    disruptionsAllowed: allowed,
    currentHealthy,
    desiredHealthy: counts.desired,
    expectedPods: counts.expected,
  };
  writeStatus(
    ctx,
    pdb,
    status,
    allowed > 0 ? { status: 'True', reason: 'SufficientPods', message: '' } : { status: 'False', reason: 'InsufficientPods', message: '' },
  );
}

function writeStatus(
  ctx: SimContext,
  pdb: PodDisruptionBudget,
  status: Omit<NonNullable<PodDisruptionBudget['status']>, 'observedGeneration' | 'conditions'>,
  condition: { status: 'True' | 'False'; reason: string; message: string },
): void {
  const observedGeneration = pdb.metadata.generation ?? 1;
  const previous = (pdb.status?.conditions ?? []).find((c) => c.type === 'DisruptionAllowed');
  const transition = previous && previous.status === condition.status ? previous.lastTransitionTime : ctx.nowIso();
  const next: NonNullable<PodDisruptionBudget['status']> = {
    observedGeneration,
    ...(status.disruptedPods ? { disruptedPods: status.disruptedPods } : {}),
    disruptionsAllowed: status.disruptionsAllowed,
    currentHealthy: status.currentHealthy,
    desiredHealthy: status.desiredHealthy,
    expectedPods: status.expectedPods,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: condition.status,
        reason: condition.reason,
        message: condition.message,
        observedGeneration,
        lastTransitionTime: transition,
      } as Condition,
    ],
  };
  if (deepEqual(pdb.status, next)) return;
  ctx.store.mutate(pdb, (p) => {
    p.status = next;
  });
}

/** getExpectedPodCount: minAvailable as a number counts the pods; percentages and maxUnavailable use the controllers' scale. */
function expectedPodCount(ctx: SimContext, pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desired: number } {
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined) {
    const expected = expectedScale(ctx, pods);
    const unavailable = scaledValue(maxUnavailable, expected, true);
    return { expected, desired: Math.max(0, expected - unavailable) };
  }
  if (typeof minAvailable === 'number' || (typeof minAvailable === 'string' && /^\d+$/.test(minAvailable)))
    return { expected: pods.length, desired: Number(minAvailable) };
  if (typeof minAvailable === 'string') {
    const expected = expectedScale(ctx, pods);
    return { expected, desired: scaledValue(minAvailable, expected, true) };
  }
  return { expected: pods.length, desired: 0 };
}

/** getExpectedScale: the sum of `spec.replicas` of the pods' controllers (a Deployment for its ReplicaSets); pods without a controller are ignored. */
function expectedScale(ctx: SimContext, pods: Pod[]): number {
  const scales = new Map<string, number>();
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) continue;
    const owner = ctx.store.get<KObject & { spec: { replicas?: number } }>(ref.kind, pod.metadata.namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid || !['ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(ref.kind))
      throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
    const deploymentRef = ref.kind === 'ReplicaSet' ? controllerRef(owner) : undefined;
    const deployment =
      deploymentRef?.kind === 'Deployment'
        ? ctx.store.get<KObject & { spec: { replicas?: number } }>('Deployment', pod.metadata.namespace, deploymentRef.name)
        : undefined;
    const scaled = deployment ?? owner;
    scales.set(scaled.metadata.uid, scaled.spec.replicas ?? 1);
  }
  return [...scales.values()].reduce((a, b) => a + b, 0);
}

/** buildDisruptedPodMap: evictions not yet followed by the pod's deletion, for at most two minutes. */
function disruptedPodMap(pdb: PodDisruptionBudget, pods: Pod[], now: number): Record<string, string> {
  const out: Record<string, string> = {};
  const byName = new Map(pods.map((p) => [p.metadata.name, p]));
  for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const pod = byName.get(name);
    const t = parseTime(at);
    if (!pod || pod.metadata.deletionTimestamp || t === undefined || t + DELETION_TIMEOUT_MS < now) continue;
    out[name] = rfc3339(t);
  }
  return out;
}
