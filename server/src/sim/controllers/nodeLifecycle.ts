import type { Controller, SimContext } from '../context';
import { deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { Condition, Pod, Taint } from '../types';
import { isTerminal } from '../util/pods';
import { parseTime } from '../util/time';
import { toleratesTaint, type SimNode } from './scheduler/fit';
import type { KubeletState } from '../kubelet/state';
import { newKubeletState } from '../kubelet/state';
import { nodeMonitorGraceMs } from '../version';
import { addDisruptionTarget } from '../eviction';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/**
 * Node lifecycle and taint eviction: a node whose kubelet stops posting status becomes Ready=Unknown
 * after the grace period and gets the unreachable taints; pods are marked not ready and evicted when
 * their toleration for a NoExecute taint runs out. Also keeps the unschedulable taint in step with cordon.
 */
export function nodeLifecycleController(ctx: SimContext): Controller {
  const name = 'node-lifecycle';
  const kubelet = (): KubeletState => ctx.state<KubeletState>('kubelet', newKubeletState);
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Node' && change.type !== 'DELETED') ctx.enqueue(name, obj.metadata.name);
      if (obj.kind === 'Pod' && change.type !== 'DELETED' && (obj as Pod).spec.nodeName && !change.old?.spec) ctx.enqueue(name, (obj as Pod).spec.nodeName!);
      if (obj.kind === 'Pod' && change.type === 'MODIFIED' && (obj as Pod).spec.nodeName && !(change.old as Pod).spec.nodeName) ctx.enqueue(name, (obj as Pod).spec.nodeName!);
    },
    reconcile(nodeName: string) {
      const node = ctx.store.get<SimNode>('Node', undefined, nodeName);
      if (!node) return;
      syncUnschedulableTaint(ctx, node);
      const downSince = kubelet().down[nodeName];
      if (downSince !== undefined && ctx.now() - downSince >= nodeMonitorGraceMs(ctx.version)) markUnknown(ctx, nodeName);
      evictNoExecute(ctx, nodeName);
    },
    timers: {
      'node.monitor': (nodeName) => ctx.enqueue(name, nodeName),
    },
  };
}

function syncUnschedulableTaint(ctx: SimContext, node: SimNode): void {
  const has = (node.spec?.taints ?? []).some((t) => t.key === UNSCHEDULABLE);
  if (!!node.spec?.unschedulable === has) return;
  ctx.store.mutate(node, (n) => {
    const taints = (n.spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE);
    if (n.spec.unschedulable) taints.push({ key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: ctx.nowIso() });
    n.spec.taints = taints.length > 0 ? taints : undefined;
  });
}

function markUnknown(ctx: SimContext, nodeName: string): void {
  const node = ctx.store.get<SimNode>('Node', undefined, nodeName)!;
  const ready = node.status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'Unknown') return;
  const now = ctx.nowIso();
  ctx.store.mutate(node, (n) => {
    n.status.conditions = (n.status.conditions as Condition[] | undefined)?.map((c) => ({
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: now,
    })) as typeof n.status.conditions;
    const taints = (n.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
    taints.push({ key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now });
    n.spec.taints = taints;
  });
  ctx.record(node, 'Normal', 'NodeNotReady', `Node ${nodeName} status is now: NodeNotReady`, 'node-controller');
  for (const pod of podsOn(ctx, nodeName)) {
    ctx.store.mutate(pod, (p) => {
      for (const c of p.status.conditions ?? []) {
        if (c.type === 'Ready' && c.status !== 'False') {
          c.status = 'False';
          c.lastTransitionTime = now;
          delete c.reason;
          delete c.message;
        }
      }
    });
    ctx.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
  }
}

/** The taint eviction controller: pods that do not tolerate a NoExecute taint (long enough) are deleted. */
function evictNoExecute(ctx: SimContext, nodeName: string): void {
  const node = ctx.store.get<SimNode>('Node', undefined, nodeName)!;
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return;
  const now = ctx.now();
  for (const pod of podsOn(ctx, nodeName)) {
    if (pod.metadata.deletionTimestamp) continue;
    let evictAt = -Infinity;
    for (const taint of taints) {
      const at = evictionTime(pod, taint);
      evictAt = Math.max(evictAt, at);
    }
    if (evictAt === -Infinity) continue;
    if (evictAt <= now) {
      ctx.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, 'taint-eviction-controller');
      // upstream: pkg/controller/tainteviction/taint_eviction.go addConditionAndDeletePod
      addDisruptionTarget(ctx, pod, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint');
      deleteObject(ctx, pod);
    } else ctx.after(evictAt - now, 'node.monitor', nodeName, undefined, false);
  }
}

/** When a pod must leave because of a NoExecute taint: now (untolerated), later (tolerationSeconds), or never (-Infinity). */
function evictionTime(pod: Pod, taint: Taint): number {
  const matching = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
  if (matching.length === 0) return parseTime(taint.timeAdded) ?? 0;
  if (matching.some((t) => t.tolerationSeconds === undefined)) return -Infinity;
  const seconds = Math.min(...matching.map((t) => t.tolerationSeconds!));
  return (parseTime(taint.timeAdded) ?? 0) + Math.max(0, seconds) * 1000;
}

export function podsOn(ctx: SimContext, nodeName: string): Pod[] {
  return ctx.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === nodeName && !isTerminal(p));
}

/** Marks the node down (its kubelet stops) and schedules the grace-period check. */
export function nodeDown(ctx: SimContext, nodeName: string): void {
  const state = ctx.state<KubeletState>('kubelet', newKubeletState);
  if (state.down[nodeName] !== undefined) return;
  state.down[nodeName] = ctx.now();
  ctx.after(nodeMonitorGraceMs(ctx.version), 'node.monitor', nodeName);
}

/** Brings the node back: Ready again, unreachable taints removed, kubelet resumes its pods. */
export function nodeUp(ctx: SimContext, nodeName: string): void {
  const state = ctx.state<KubeletState>('kubelet', newKubeletState);
  if (state.down[nodeName] === undefined) return;
  delete state.down[nodeName];
  const node = ctx.store.get<SimNode>('Node', undefined, nodeName);
  if (!node) return;
  const wasUnknown = node.status.conditions?.find((c) => c.type === 'Ready')?.status !== 'True';
  const now = ctx.nowIso();
  ctx.store.mutate(node, (n) => {
    n.status.conditions = readyConditions(now) as typeof n.status.conditions;
    const taints = (n.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
    n.spec.taints = taints.length > 0 ? taints : undefined;
  });
  if (wasUnknown) ctx.record(node, 'Normal', 'NodeReady', `Node ${nodeName} status is now: NodeReady`, 'kubelet', { host: nodeName });
  ctx.enqueue('kubelet', `node:${nodeName}`);
}

export function readyConditions(now: string): Condition[] {
  const c = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

