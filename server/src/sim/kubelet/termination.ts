import type { Container } from '../types';
import { rfc3339 } from '../util/time';
import type { KubeletAccess } from './access';

/** Kills one container (failed liveness or startup probe): SIGTERM, then SIGKILL after the grace period. */
export function kill(k: KubeletAccess, uid: string, c: Container, message: string, graceSeconds?: number): void {
  const live = k.live(uid);
  if (!live) return;
  const { pod, rt } = live;
  const cr = rt.containers[c.name];
  cr.phase = 'stopping';
  k.event(pod, 'Normal', 'Killing', message, c.name);
  const graceMs = (graceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  const shutdown = k.behavior(pod, c).shutdownMs;
  const killed = shutdown > graceMs;
  k.ctx.after(Math.min(shutdown, graceMs), 'kubelet.exit', `${uid}/${c.name}`, { instance: cr.instance, exitCode: killed ? 137 : 0, reason: killed ? 'Error' : 'Completed' }, true);
}

/** Graceful termination after the pod got a deletionTimestamp. */
export function terminate(k: KubeletAccess, uid: string): void {
  const live = k.live(uid);
  if (!live) return;
  const { pod, rt } = live;
  rt.terminating = true;
  const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  let stopMs = 0;
  let killed = false;
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const cr = rt.containers[c.name];
    if (cr.phase !== 'running' && cr.phase !== 'stopping') continue;
    k.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name, cr.init);
    const shutdown = k.behavior(pod, c).shutdownMs;
    if (shutdown > graceMs) killed = true;
    stopMs = Math.max(stopMs, Math.min(shutdown, graceMs));
    cr.phase = 'stopping';
  }
  k.ctx.after(stopMs, 'kubelet.stopped', uid, { killed }, true);
}

/** All containers stopped: terminal status, then the kubelet deletes the API object. */
export function stopped(k: KubeletAccess, uid: string, data: { killed: boolean }): void {
  const live = k.live(uid);
  if (!live) return;
  const now = rfc3339(k.ctx.now());
  const pod = k.update(
    uid,
    (p, rt) => {
      for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) {
        const cr = rt.containers[s.name];
        if (s.state.running) {
          s.state = { terminated: { exitCode: data.killed ? 137 : 0, reason: data.killed ? 'Error' : 'Completed', startedAt: s.state.running.startedAt, finishedAt: now, containerID: s.containerID } };
        }
        s.ready = false;
        s.started = false;
        if (cr) cr.phase = 'exited';
      }
    },
    true,
  );
  delete k.st().pods[uid];
  if (pod && (pod.metadata.finalizers ?? []).length === 0) k.ctx.store.remove(pod);
}
