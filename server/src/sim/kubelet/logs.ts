import type { SimEvent } from '../events';
import type { Container, ContainerStateTerminated, ContainerStatus, Pod } from '../types';
import { parseTime } from '../util/time';

/**
 * What a simulated container "prints": no process runs, so its log is derived from what the kubelet
 * did to it, deterministically: a start line, the probe results the kubelet reported for it, and how
 * it ended (crash output, OOM kill, stop). `previous` reads the instance before the last restart.
 */

export interface LogLine {
  /** Epoch milliseconds. */
  time: number;
  text: string;
}

export type LogResult = { ok: true; lines: LogLine[] } | { ok: false; message: string };

const REPORTED_REASONS = new Set(['Unhealthy', 'Killing']);

function containerOf(pod: Pod, name: string): { container: Container; status?: ContainerStatus; init: boolean } | undefined {
  const main = pod.spec.containers.find((c) => c.name === name);
  if (main) return { container: main, status: pod.status?.containerStatuses?.find((s) => s.name === name), init: false };
  const init = (pod.spec.initContainers ?? []).find((c) => c.name === name);
  if (init) return { container: init, status: pod.status?.initContainerStatuses?.find((s) => s.name === name), init: true };
  return undefined;
}

function endLines(name: string, t: ContainerStateTerminated, at: number): LogLine[] {
  if (t.reason === 'Completed' && t.exitCode === 0) return [{ time: at, text: `${name}: finished, exiting with code 0` }];
  if (t.reason === 'OOMKilled') return [{ time: at, text: `${name}: out of memory: killed by the kernel (exit code ${t.exitCode})` }];
  const lines: LogLine[] = [];
  if (t.message) for (const line of t.message.split('\n')) lines.push({ time: at, text: line });
  lines.push({
    time: at,
    text:
      t.exitCode === 137
        ? `${name}: received SIGKILL, exiting with code 137`
        : t.exitCode === 143 || t.exitCode === 0
          ? `${name}: received SIGTERM, shutting down`
          : `${name}: fatal error, exiting with code ${t.exitCode}`,
  });
  return lines;
}

/** The log of one container instance: the current one, or with `previous` the one before the last restart. */
export function containerLog(pod: Pod, name: string, events: readonly SimEvent[], epoch: number, now: number, previous: boolean): LogResult {
  const found = containerOf(pod, name);
  if (!found) return { ok: false, message: `container ${name} is not valid for pod ${pod.metadata.name}` };
  const { container, status, init } = found;
  let start: number | undefined;
  let ended: ContainerStateTerminated | undefined;
  if (previous) {
    ended = status?.lastState?.terminated;
    if (!ended) return { ok: false, message: `previous terminated container "${name}" in pod "${pod.metadata.name}" not found` };
    start = parseTime(ended.startedAt);
  } else if (status?.state.running) {
    start = parseTime(status.state.running.startedAt);
  } else if (status?.state.terminated) {
    ended = status.state.terminated;
    start = parseTime(ended.startedAt);
  } else {
    const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
    return { ok: false, message: `container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}` };
  }
  const from = start ?? now;
  const until = ended ? (parseTime(ended.finishedAt) ?? now) : now;
  const lines: LogLine[] = [
    { time: from, text: `${name}: starting ${container.image} (simulated container${init ? ', init' : ''}; no process runs in the simulated cluster)` },
  ];
  const ports = (container.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  if (ports.length > 0) lines.push({ time: from, text: `${name}: listening on ${ports.join(', ')}` });
  const fieldPath = `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
  for (const e of events) {
    const at = epoch + e.time;
    if (at < from || at > until || e.involvedObject.uid !== pod.metadata.uid || e.involvedObject.fieldPath !== fieldPath || !REPORTED_REASONS.has(e.reason))
      continue;
    lines.push({ time: at, text: `${name}: ${e.message}` });
  }
  if (ended) lines.push(...endLines(name, ended, until));
  return { ok: true, lines };
}
