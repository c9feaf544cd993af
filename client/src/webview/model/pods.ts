/**
 * What the panel shows for a pod: kubectl's READY, STATUS and RESTARTS columns, and a colour
 * category derived from them.
 */
import type { KubeObject } from '../../../../server/src/lsp/protocol';
import { podReadyColumn, podRestartsColumn, podStatusColumn } from '../../../../server/src/sim/print/podStatus';
import type { Pod } from '../../../../server/src/sim/types';
import { humanDuration } from '../../../../server/src/sim/util/duration';
import { keyOf } from './clusterModel';

/**
 * - ready: running and Ready
 * - notReady: running but not Ready (probes failing, containers restarting)
 * - pending: not scheduled yet (or gated)
 * - creating: scheduled, containers being created or initialised
 * - failing: CrashLoopBackOff, Error, image pull errors, configuration errors, Failed
 * - terminating: being deleted
 * - succeeded: finished (Completed)
 * - unknown: the node is lost
 */
export type PodCategory = 'ready' | 'notReady' | 'pending' | 'creating' | 'failing' | 'terminating' | 'succeeded' | 'unknown';

export const POD_CATEGORIES: readonly PodCategory[] = ['ready', 'notReady', 'pending', 'creating', 'failing', 'terminating', 'succeeded', 'unknown'];

export const POD_CATEGORY_LABELS: Record<PodCategory, string> = {
  ready: 'Running, ready',
  notReady: 'Running, not ready',
  pending: 'Pending',
  creating: 'ContainerCreating',
  failing: 'CrashLoopBackOff / Error',
  terminating: 'Terminating',
  succeeded: 'Completed',
  unknown: 'Unknown',
};

const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const PENDING = new Set(['Pending', 'SchedulingGated']);

export function podCategory(pod: Pod, status: string, ready: boolean): PodCategory {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Unknown') return 'unknown';
  if (status === 'Completed' || pod.status?.phase === 'Succeeded') return 'succeeded';
  if (CREATING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'creating';
  if (PENDING.has(status)) return pod.spec?.nodeName ? 'creating' : 'pending';
  if (status === 'Running' || status === 'NotReady') return ready ? 'ready' : 'notReady';
  // Every other STATUS is a waiting or terminated reason: CrashLoopBackOff, Error, ErrImagePull,
  // ImagePullBackOff, CreateContainerConfigError, OOMKilled, ExitCode:N, Init:Error, Failed, Evicted…
  return 'failing';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function restartCount(pod: Pod): number {
  let total = 0;
  for (const s of pod.status?.containerStatuses ?? []) total += s.restartCount ?? 0;
  return total;
}

export interface PodSummary {
  key: string;
  name: string;
  namespace: string;
  node?: string;
  phase: string;
  /** kubectl STATUS. */
  status: string;
  /** kubectl READY, e.g. "1/2". */
  readyText: string;
  ready: boolean;
  restarts: number;
  /** kubectl RESTARTS, e.g. "3 (12s ago)". */
  restartsText: string;
  category: PodCategory;
  age: string;
}

export function ageOf(obj: KubeObject, now: number): string {
  const created = Date.parse(String(obj.metadata.creationTimestamp ?? ''));
  return Number.isNaN(created) ? '<unknown>' : humanDuration(now - created);
}

export function summarizePod(obj: KubeObject, now: number): PodSummary {
  const pod = obj as unknown as Pod;
  const status = podStatusColumn(pod);
  const ready = isPodReady(pod);
  return {
    key: keyOf(obj),
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? 'default',
    node: pod.spec?.nodeName,
    phase: pod.status?.phase ?? 'Pending',
    status,
    readyText: podReadyColumn(pod),
    ready,
    restarts: restartCount(pod),
    restartsText: podRestartsColumn(pod, now),
    category: podCategory(pod, status, ready),
    age: ageOf(obj, now),
  };
}
