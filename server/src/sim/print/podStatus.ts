import type { Pod } from '../types';
import { humanDuration } from '../util/duration';
import { parseTime } from '../util/time';

/** kubectl's STATUS column for a pod (printPod in pkg/printers/internalversion/printers.go). */
export function podStatusColumn(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  const inits = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    if (s.state.terminated && s.state.terminated.exitCode === 0) continue;
    if (s.state.terminated) reason = s.state.terminated.reason ? `Init:${s.state.terminated.reason}` : `Init:ExitCode:${s.state.terminated.exitCode}`;
    else if (s.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      if (s.state.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state.terminated) reason = `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') reason = 'Terminating';
  return reason;
}

export function podReadyColumn(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  return `${statuses.filter((s) => s.ready).length}/${pod.spec.containers.length}`;
}

export function podRestartsColumn(pod: Pod, now: number): string {
  let restarts = 0;
  let last: number | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    restarts += s.restartCount;
    const finished = parseTime(s.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (last === undefined || finished > last)) last = finished;
  }
  if (restarts > 0 && last !== undefined) return `${restarts} (${humanDuration(now - last)} ago)`;
  return String(restarts);
}
