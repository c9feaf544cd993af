import { containerOf, statusOf, type KubeletAccess } from './access';
import { kill } from './termination';
import { PROBE_LABEL, probeOf, runProbe } from './probes';
import type { ProbeType } from './state';

/** One tick of a probe worker (upstream pkg/kubelet/prober/worker.go doProbe). `manual` runs it now without rescheduling. */
export function probeTick(k: KubeletAccess, key: string, manual: boolean): void {
  const [uid, name, type] = key.split('/') as [string, string, ProbeType];
  const live = k.live(uid);
  if (!live) return;
  const { pod, rt } = live;
  const cr = rt.containers[name];
  const c = containerOf(pod, name);
  const probe = c && probeOf(c, type);
  const worker = cr?.probes[type];
  if (!cr || !c || !probe || !worker) return;
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return;
  if (!manual) k.ctx.after((probe.periodSeconds ?? 10) * 1000, 'kubelet.probe', key, undefined, true);
  if (worker.instance !== cr.instance) {
    worker.instance = cr.instance;
    worker.result = type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : 'Unknown';
    worker.onHold = false;
    worker.run = 0;
    worker.lastResult = undefined;
  }
  if (cr.phase !== 'running') {
    if (type === 'readiness') worker.result = 'Failure';
    return;
  }
  if (pod.metadata.deletionTimestamp && type !== 'readiness') {
    worker.result = 'Success';
    return;
  }
  if (worker.onHold) return;
  const now = k.ctx.now();
  const runningFor = now - (cr.startedAt ?? now);
  if (runningFor < (probe.initialDelaySeconds ?? 0) * 1000) return;
  if (type === 'startup' && cr.started) return;
  if (type !== 'startup' && !cr.started) return;
  const outcome = runProbe(type, probe, pod, c, k.behavior(pod, c), runningFor);
  if (outcome.result === 'Failure') k.event(pod, 'Warning', 'Unhealthy', `${PROBE_LABEL[type]} probe failed: ${outcome.output}`, name);
  worker.run = worker.lastResult === outcome.result ? worker.run + 1 : 1;
  worker.lastResult = outcome.result;
  const threshold = outcome.result === 'Failure' ? probe.failureThreshold ?? 3 : probe.successThreshold ?? 1;
  if (worker.run < threshold) return;
  worker.result = outcome.result;
  if (type === 'readiness') {
    k.setReady(uid, name, outcome.result === 'Success');
    return;
  }
  // Only a liveness failure (the container will be restarted) or a startup result pauses the worker
  // until a new container instance appears; a liveness success keeps probing.
  if (type === 'liveness' && outcome.result === 'Success') return;
  worker.onHold = true;
  worker.run = 0;
  if (type === 'startup' && outcome.result === 'Success') {
    cr.started = true;
    k.update(uid, (p) => {
      const s = statusOf(p, name);
      if (s) {
        s.started = true;
        if (!c.readinessProbe) s.ready = true;
      }
    });
    if (c.readinessProbe) probeTick(k, `${uid}/${name}/readiness`, true);
    return;
  }
  if (outcome.result === 'Failure') kill(k, uid, c, `Container ${name} failed ${type} probe, will be restarted`, probe.terminationGracePeriodSeconds);
}
