import type { Cluster } from '../cluster';
import type { Behavior } from '../faults';
import { parseDuration } from '../util/duration';
import { milliCpu } from '../util/quantity';
import { isRecord } from '../util/record';

/**
 * A `fault:` step. Node faults: nodeDown, nodeUp, cordon, uncordon, drain ({node}). Pod faults
 * ({selector, namespace, pod} pick the pods, existing and future): crash {after, exitCode, times},
 * imagePull {mode: fail|ok, image}, readiness {fail}, liveness {fail, after}, readyAfter {after},
 * cpuLoad {cpu | millicores}, shutdown {after | "ignore-sigterm"}. Returns kubectl-style output lines.
 */
export function applyFault(cluster: Cluster, spec: Record<string, unknown>): string[] {
  const type = String(spec.type ?? '');
  const node = typeof spec.node === 'string' ? spec.node : undefined;
  const needNode = (): string => {
    if (!node) throw new Error(`fault ${type} needs a node`);
    return node;
  };
  switch (type) {
    case 'nodeDown':
      return [cluster.nodeDown(needNode())];
    case 'nodeUp':
      return [cluster.nodeUp(needNode())];
    case 'cordon':
      return [cluster.cordon(needNode(), true)];
    case 'uncordon':
      return [cluster.cordon(needNode(), false)];
    case 'drain':
      // Like kubectl drain, the step waits until every eviction went through (or `timeout`, default 5m).
      return cluster.drain(needNode(), { wait: true, timeoutMs: spec.timeout === undefined ? undefined : parseDuration(spec.timeout) });
  }
  const behavior: Partial<Behavior> = {};
  const duration = (key: string): number | undefined => (spec[key] === undefined ? undefined : parseDuration(spec[key]));
  switch (type) {
    case 'crash':
      behavior.crashAfterMs = duration('after') ?? 0;
      if (spec.exitCode !== undefined) behavior.exitCode = Number(spec.exitCode);
      if (spec.times !== undefined) behavior.crashTimes = Number(spec.times);
      break;
    case 'imagePull':
      behavior.imagePull = spec.mode === 'ok' ? 'ok' : 'fail';
      break;
    case 'readiness':
      behavior.readiness = spec.fail === false ? 'ok' : 'fail';
      break;
    case 'liveness':
      if (spec.after !== undefined) behavior.livenessFailAfterMs = duration('after');
      else behavior.liveness = spec.fail === false ? 'ok' : 'fail';
      break;
    case 'readyAfter':
      behavior.readyAfterMs = duration('after') ?? 0;
      break;
    case 'cpuLoad':
      behavior.cpuMillis = spec.millicores !== undefined ? Number(spec.millicores) : milliCpu(spec.cpu);
      break;
    case 'shutdown':
      behavior.shutdownMs = spec.after === 'ignore-sigterm' ? Infinity : duration('after') ?? 0;
      break;
    default:
      throw new Error(`unknown fault type "${type}"`);
  }
  const id = cluster.addFault({
    namespace: typeof spec.namespace === 'string' ? spec.namespace : undefined,
    selector: isRecord(spec.selector) ? (spec.selector as Record<string, string>) : undefined,
    pod: typeof spec.pod === 'string' ? spec.pod : undefined,
    image: typeof spec.image === 'string' ? spec.image : undefined,
    behavior,
  });
  return [`fault ${id} (${type}) added`];
}
