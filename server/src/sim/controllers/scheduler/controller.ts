import type { Controller, SimContext } from '../../context';
import type { StoreChange } from '../../store/store';
import type { Pod } from '../../types';
import { controllerRef, isTerminal, setCondition, splitKey } from '../../util/pods';
import { allocatable, isNodeReady, matchesNodeAffinity, podRequests, untoleratedTaint, type Resources, type SimNode } from './fit';
import { checkVolumes, volumeNodeConflict, type VolumeCheck } from './volumes';
import { affinityContext, interPodAffinityFailure, type AffinityContext } from './interPodAffinity';

const SOURCE = 'default-scheduler';
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

interface NodeUsage {
  requested: Resources;
  nonZero: Resources;
  pods: number;
  owners: Map<string, number>;
}

interface SchedulerState {
  /** Pod key → number of failed attempts (for the 1s…10s backoff). */
  attempts: Record<string, number>;
  /** Pod key → node chosen while WaitForFirstConsumer claims are provisioned. */
  assumed: Record<string, string>;
}

/** The default scheduler: filters (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit, VolumeBinding), scores, binds. */
export function schedulerController(ctx: SimContext): Controller {
  const name = 'scheduler';
  const state = (): SchedulerState => ctx.state<SchedulerState>('scheduler', () => ({ attempts: {}, assumed: {} }));
  let usage: Map<string, NodeUsage> | undefined;

  const usageOf = (): Map<string, NodeUsage> => {
    if (usage) return usage;
    usage = new Map();
    for (const pod of ctx.store.list<Pod>('Pod')) account(pod, 1);
    return usage;
  };
  const account = (pod: Pod, sign: 1 | -1): void => {
    if (!pod.spec.nodeName || isTerminal(pod) || !usage) return;
    let u = usage.get(pod.spec.nodeName);
    if (!u) usage.set(pod.spec.nodeName, (u = { requested: { cpu: 0, memory: 0 }, nonZero: { cpu: 0, memory: 0 }, pods: 0, owners: new Map() }));
    const r = podRequests(pod);
    const nz = podRequests(pod, true);
    u.requested.cpu += sign * r.cpu;
    u.requested.memory += sign * r.memory;
    u.nonZero.cpu += sign * nz.cpu;
    u.nonZero.memory += sign * nz.memory;
    u.pods += sign;
    const owner = controllerRef(pod)?.uid;
    if (owner) u.owners.set(owner, (u.owners.get(owner) ?? 0) + sign);
  };
  const retryUnschedulable = (): void => {
    // Unschedulable pods move to the backoff queue: 1s doubling to 10s per failed attempt.
    for (const [key, attempts] of Object.entries(state().attempts)) ctx.after(Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10_000), 'scheduler.retry', key, undefined, true);
    for (const key of Object.keys(state().assumed)) ctx.enqueue(name, key);
  };

  return {
    name,
    reset() {
      usage = undefined;
    },
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Pod') {
        const old = change.old as Pod | undefined;
        const pod0 = obj as Pod;
        const unchanged = change.type === 'MODIFIED' && old && old.spec === pod0.spec && isTerminal(old) === isTerminal(pod0) && old.metadata.ownerReferences === pod0.metadata.ownerReferences;
        if (usage && !unchanged) {
          if (old) account(old, -1);
          if (change.type !== 'DELETED') account(pod0, 1);
        }
        const pod = obj as Pod;
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (change.type === 'DELETED') {
          delete state().attempts[key];
          delete state().assumed[key];
          retryUnschedulable();
        } else if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp && (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler') {
          if (change.type === 'ADDED') ctx.enqueue(name, key);
        } else if (isTerminal(pod) && !(change.old && isTerminal(change.old as Pod))) retryUnschedulable();
      } else if (obj.kind === 'Node' || obj.kind === 'PersistentVolumeClaim' || obj.kind === 'PersistentVolume') {
        retryUnschedulable();
      }
    },
    reconcile(key: string) {
      const [ns, podName] = splitKey(key);
      const pod = ctx.store.get<Pod>('Pod', ns, podName);
      const s = state();
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
        delete s.attempts[key];
        delete s.assumed[key];
        return;
      }
      schedule(pod, key);
    },
    timers: {
      'scheduler.retry': (key) => ctx.enqueue(name, key),
    },
  };

  function schedule(pod: Pod, key: string): void {
    const s = state();
    const volumes = checkVolumes(ctx, pod);
    const assumedNode = s.assumed[key];
    if (assumedNode && !volumes.preFilterError) {
      if (volumes.delayed.length === 0) {
        bind(pod, assumedNode);
        delete s.assumed[key];
      }
      return;
    }
    const nodes = ctx.store.list<SimNode>('Node');
    if (volumes.preFilterError) {
      fail(pod, key, `0/${nodes.length} nodes are available: ${volumes.preFilterError}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`);
      return;
    }
    const reasons = new Map<string, number>();
    const preemption = new Map<string, number>();
    const feasible: SimNode[] = [];
    const req = podRequests(pod);
    const actx = affinityContext(ctx, nodes);
    for (const node of nodes) {
      const failure = filter(pod, node, req, volumes, actx);
      if (!failure) {
        feasible.push(node);
        continue;
      }
      for (const r of failure.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      const p = failure.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
      preemption.set(p, (preemption.get(p) ?? 0) + 1);
    }
    if (feasible.length === 0) {
      fail(pod, key, `0/${nodes.length} nodes are available: ${histogram(reasons)}. preemption: 0/${nodes.length} nodes are available: ${histogram(preemption)}.`);
      return;
    }
    const chosen = pickNode(pod, feasible);
    delete s.attempts[key];
    if (volumes.delayed.length > 0) {
      s.assumed[key] = chosen.metadata.name;
      for (const claim of volumes.delayed) {
        ctx.store.mutate(claim, (c) => {
          c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'volume.kubernetes.io/selected-node': chosen.metadata.name };
        });
      }
      return;
    }
    bind(pod, chosen.metadata.name);
  }

  function filter(pod: Pod, node: SimNode, req: Resources, volumes: VolumeCheck, actx: AffinityContext): { reasons: string[]; resolvable: boolean } | undefined {
    if (node.spec?.unschedulable && !(pod.spec.tolerations ?? []).some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'))) {
      return { reasons: ['node(s) were unschedulable'], resolvable: false };
    }
    const taint = untoleratedTaint(node, pod.spec.tolerations);
    if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], resolvable: false };
    if (!matchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
    const alloc = allocatable(node);
    const u = usageOf().get(node.metadata.name);
    const reasons: string[] = [];
    if ((u?.pods ?? 0) + 1 > alloc.pods) reasons.push('Too many pods');
    if (req.cpu > 0 && (u?.requested.cpu ?? 0) + req.cpu > alloc.cpu) reasons.push('Insufficient cpu');
    if (req.memory > 0 && (u?.requested.memory ?? 0) + req.memory > alloc.memory) reasons.push('Insufficient memory');
    if (reasons.length > 0) return { reasons, resolvable: true };
    if (volumeNodeConflict(ctx, volumes, node)) return { reasons: ['node(s) had volume node affinity conflict'], resolvable: false };
    const affinity = interPodAffinityFailure(pod, node, actx);
    if (affinity) return { reasons: [affinity.reason], resolvable: affinity.resolvable };
    return undefined;
  }

  /** LeastAllocated + BalancedAllocation + spreading of pods of the same owner; ties broken at random. */
  function pickNode(pod: Pod, nodes: SimNode[]): SimNode {
    const nz = podRequests(pod, true);
    const owner = controllerRef(pod)?.uid;
    let best: SimNode[] = [];
    let bestScore = -Infinity;
    for (const node of nodes) {
      const alloc = allocatable(node);
      const u = usageOf().get(node.metadata.name);
      const cpuFrac = alloc.cpu > 0 ? Math.min(1, ((u?.nonZero.cpu ?? 0) + nz.cpu) / alloc.cpu) : 1;
      const memFrac = alloc.memory > 0 ? Math.min(1, ((u?.nonZero.memory ?? 0) + nz.memory) / alloc.memory) : 1;
      const least = Math.floor(((1 - cpuFrac) * 100 + (1 - memFrac) * 100) / 2);
      const balanced = Math.floor((1 - Math.abs(cpuFrac - memFrac) / 2) * 100);
      const siblings = owner ? u?.owners.get(owner) ?? 0 : 0;
      const score = least + balanced - siblings * 10 + (isNodeReady(node) ? 0 : -1000);
      if (score > bestScore) {
        bestScore = score;
        best = [node];
      } else if (score === bestScore) best.push(node);
    }
    return best.length === 1 ? best[0] : best[ctx.rng.int(best.length)];
  }

  function bind(pod: Pod, nodeName: string): void {
    const bound = ctx.store.mutate(pod, (p) => {
      p.spec.nodeName = nodeName;
      p.status = { ...p.status, conditions: [...(p.status?.conditions ?? [])] };
      setCondition(p.status.conditions!, { type: 'PodScheduled', status: 'True', lastProbeTime: null }, ctx.nowIso());
      const c = p.status.conditions!.find((x) => x.type === 'PodScheduled')!;
      delete c.reason;
      delete c.message;
    });
    ctx.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, SOURCE);
  }

  function fail(pod: Pod, key: string, message: string): void {
    const s = state();
    const attempts = (s.attempts[key] ?? 0) + 1;
    s.attempts[key] = attempts;
    const updated = ctx.store.mutate(pod, (p) => {
      p.status = { ...p.status, conditions: [...(p.status?.conditions ?? [])] };
      setCondition(p.status.conditions!, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null }, ctx.nowIso());
    });
    ctx.record(updated, 'Warning', 'FailedScheduling', message, SOURCE);
    ctx.after(UNSCHEDULABLE_FLUSH_MS, 'scheduler.retry', key, undefined, true);
  }
}

function histogram(counts: Map<string, number>): string {
  return [...counts.entries()].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

