import type { Condition, ContainerStatus, Pod, PodStatus } from '../types';
import { setCondition } from '../util/pods';
import type { PodRuntime } from './state';

/** Whether a stopped container will be restarted under the pod's restartPolicy. */
export function willRestart(restartPolicy: string | undefined, exitCode: number): boolean {
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

/** getPhase in kubelet_pods.go, over regular containers. */
export function computePhase(pod: Pod, rt: PodRuntime | undefined, terminal: boolean): string {
  const statuses = pod.status.containerStatuses ?? [];
  if (!rt || !rt.sandboxReady || rt.initIndex < (pod.spec.initContainers ?? []).length) {
    if (terminal) return 'Failed';
    return 'Pending';
  }
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  let restartable = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
      if (!terminal && willRestart(pod.spec.restartPolicy, s.state.terminated.exitCode)) restartable++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        stopped++;
        if (s.lastState.terminated.exitCode === 0) succeeded++;
        if (!terminal && willRestart(pod.spec.restartPolicy, s.lastState.terminated.exitCode)) restartable++;
      } else waiting++;
    }
  }
  if (waiting > 0 && !terminal) return 'Pending';
  if (running > 0 && !terminal) return 'Running';
  if (stopped > 0 && restartable > 0) return 'Running';
  if (stopped === statuses.length && stopped > 0) return succeeded === stopped ? 'Succeeded' : 'Failed';
  return terminal ? 'Failed' : 'Pending';
}

/** Pod conditions as the kubelet generates them (status/generate.go), in kubectl describe order. */
export function computeConditions(pod: Pod, rt: PodRuntime | undefined, phase: string, nodeReady: boolean, now: string): Condition[] {
  const old = pod.status.conditions ?? [];
  const conditions: Condition[] = old.filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].includes(c.type)).map((c) => ({ ...c }));
  const prev = (type: string): Condition[] => old.filter((c) => c.type === type).map((c) => ({ ...c }));
  const out: Condition[] = [];
  const put = (next: Condition): void => {
    const list = prev(next.type);
    setCondition(list, next, now);
    out.push(list.find((c) => c.type === next.type)!);
  };
  const terminalReason = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : undefined;
  put({ type: 'PodReadyToStartContainers', status: rt?.sandboxReady && !terminalReason ? 'True' : 'False' });
  const inits = pod.spec.initContainers ?? [];
  const pendingInits = rt ? inits.slice(rt.initIndex).map((c) => c.name) : inits.map((c) => c.name);
  if (terminalReason === 'PodCompleted') put({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  else if (pendingInits.length > 0) put({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${pendingInits.join(' ')}]` });
  else put({ type: 'Initialized', status: 'True' });
  const unready = (pod.status.containerStatuses ?? []).filter((s) => !s.ready).map((s) => s.name);
  const notStarted = (pod.spec.containers ?? []).filter((c) => !(pod.status.containerStatuses ?? []).some((s) => s.name === c.name)).map((c) => c.name);
  const names = [...unready, ...notStarted];
  let containersReady: Condition;
  if (terminalReason) containersReady = { type: 'ContainersReady', status: 'False', reason: terminalReason };
  else if (names.length > 0) containersReady = { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${names.join(' ')}]` };
  else containersReady = { type: 'ContainersReady', status: 'True' };
  let ready: Condition = { ...containersReady, type: 'Ready' };
  if (containersReady.status === 'True' && !nodeReady) ready = { type: 'Ready', status: 'False', reason: 'NodeNotReady', message: 'Node is not ready' };
  put(ready);
  put(containersReady);
  for (const c of out) {
    if (c.status === 'True') {
      delete c.reason;
      delete c.message;
    }
    c.lastProbeTime = null;
  }
  return [...out, ...conditions];
}

export function applyPhaseAndConditions(pod: Pod, rt: PodRuntime | undefined, nodeReady: boolean, now: string, terminal = false): void {
  const status: PodStatus = pod.status;
  status.phase = computePhase(pod, rt, terminal);
  status.conditions = computeConditions(pod, rt, status.phase, nodeReady, now);
}

export function findStatus(pod: Pod, name: string): ContainerStatus | undefined {
  return pod.status.containerStatuses?.find((s) => s.name === name) ?? pod.status.initContainerStatuses?.find((s) => s.name === name);
}
