import type { Behavior } from '../faults';
import type { Container, Pod, Probe } from '../types';
import type { ProbeType } from './state';

export interface ProbeOutcome {
  result: 'Success' | 'Failure';
  output: string;
}

/** Resolves a probe port: a number, or the name of a container port. */
export function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function podListens(pod: Pod, port: number): boolean {
  return [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].some((c) => (c.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP'));
}

/**
 * Runs one probe against the simulated application. The application listens on the pod's declared
 * container ports and answers 200; faults make it answer 503 (readiness, startup) or 500 (liveness).
 */
export function runProbe(type: ProbeType, probe: Probe, pod: Pod, container: Container, behavior: Behavior, runningForMs: number): ProbeOutcome {
  const ip = pod.status.podIP ?? '';
  const failing =
    (type === 'readiness' && behavior.readiness === 'fail') ||
    ((type === 'readiness' || type === 'startup') && behavior.readyAfterMs !== undefined && runningForMs < behavior.readyAfterMs) ||
    (type === 'liveness' && (behavior.liveness === 'fail' || (behavior.livenessFailAfterMs !== undefined && runningForMs >= behavior.livenessFailAfterMs)));
  const status = type === 'liveness' ? 500 : 503;
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host ?? ip;
    const path = probe.httpGet.path ?? '/';
    if (port === undefined) return { result: 'Failure', output: `unable to resolve port "${probe.httpGet.port}"` };
    if (!podListens(pod, port)) return { result: 'Failure', output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
    return failing ? { result: 'Failure', output: `HTTP probe failed with statuscode: ${status}` } : { result: 'Success', output: '' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (port === undefined || !podListens(pod, port) || failing) return { result: 'Failure', output: `dial tcp ${ip}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
    return { result: 'Success', output: '' };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (!podListens(pod, port)) return { result: 'Failure', output: `timeout: failed to connect service "${ip}:${port}" within 1s` };
    return failing ? { result: 'Failure', output: `service unhealthy (responded with "NOT_SERVING")` } : { result: 'Success', output: '' };
  }
  return failing ? { result: 'Failure', output: '' } : { result: 'Success', output: '' };
}

export function probeOf(container: Container, type: ProbeType): Probe | undefined {
  return type === 'readiness' ? container.readinessProbe : type === 'liveness' ? container.livenessProbe : container.startupProbe;
}

export const PROBE_LABEL: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };
