import type { Controller, SimContext } from '../context';
import type { Behavior } from '../faults';
import type { StoreChange } from '../store/store';
import type { Container, ContainerStatus, Pod } from '../types';
import { goDuration } from '../util/duration';
import { rfc3339 } from '../util/time';
import { containerConfigError, fullImageName, isValidImageName, volumeMountError } from './config';
import { imageDigest, imagePullMs } from './images';
import { applyPhaseAndConditions, willRestart } from './podStatus';
import { containerOf, setWaiting, statusOf, type KubeletAccess } from './access';
import { probeOf } from './probes';
import { probeTick } from './probeWorker';
import { stopped, terminate } from './termination';
import { pulled, pullRetry, type PullResult } from './pulls';
import { inBackoffSince, newContainer, newKubeletState, nextBackoff, type KubeletState, type PodRuntime, type ProbeType } from './state';

const SOURCE = 'kubelet';
const RETRY_MS = 10_000;
const INIT_RUN_MS = 1000;
/** Work-queue key asking the kubelets to apply fault rules added while containers run. */
export const FAULTS_KEY = 'faults';

/**
 * The kubelets of all nodes: sandbox, image pulls, container start, exits and restarts with
 * CrashLoopBackOff, probes, and graceful termination. Timers are keyed by pod uid.
 */
export function kubeletController(ctx: SimContext): Controller {
  const st = (): KubeletState => ctx.state<KubeletState>('kubelet', newKubeletState);
  const k = new KubeletLogic(ctx, st);
  return {
    name: 'kubelet',
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'Pod') {
        const pod = obj as Pod;
        if (change.type === 'DELETED') {
          delete st().pods[pod.metadata.uid];
          return;
        }
        if (!pod.spec.nodeName) return;
        const rt = st().pods[pod.metadata.uid];
        if (!rt || (pod.metadata.deletionTimestamp && !rt.terminating)) ctx.enqueue('kubelet', pod.metadata.uid);
      } else if ((obj.kind === 'ConfigMap' || obj.kind === 'Secret') && change.type !== 'DELETED') {
        for (const rt of Object.values(st().pods)) if (rt.namespace === obj.metadata.namespace) ctx.after(0, 'kubelet.retry', rt.uid, undefined, true);
      }
    },
    reconcile(key: string) {
      if (key === FAULTS_KEY) k.armFaults();
      else if (key.startsWith('node:')) k.resumeNode(key.slice(5));
      else k.sync(key);
    },
    timers: {
      'kubelet.sandbox': (uid) => k.sandbox(uid),
      'kubelet.retry': (uid) => k.retry(uid),
      'kubelet.pulled': (key, data) => pulled(k, key, data as PullResult),
      'kubelet.pullRetry': (key, data) => pullRetry(k, key, data as { instance: number }),
      'kubelet.exit': (key, data) => k.exit(key, data as { instance: number; exitCode: number; reason: string }),
      'kubelet.restart': (key, data) => k.restart(key, data as { instance: number }),
      'kubelet.probe': (key) => probeTick(k, key, false),
      'kubelet.stopped': (uid, data) => stopped(k, uid, data as { killed: boolean }),
    },
  };
}

export class KubeletLogic implements KubeletAccess {
  constructor(readonly ctx: SimContext, readonly st: () => KubeletState) {}

  private pod(uid: string): Pod | undefined {
    return this.ctx.store.getByUid<Pod>(uid);
  }

  live(uid: string): { pod: Pod; rt: PodRuntime } | undefined {
    const rt = this.st().pods[uid];
    const pod = this.pod(uid);
    if (!rt || !pod || this.st().down[rt.node] !== undefined) return undefined;
    return { pod, rt };
  }

  behavior(pod: Pod, container?: Container): Behavior {
    return this.ctx.faults.behaviorOf(pod, container?.image);
  }

  nodeReady(node: string): boolean {
    const n = this.ctx.store.get('Node', undefined, node) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
    return n?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  }

  /** Writes a pod status change and recomputes phase and conditions. */
  update(uid: string, fn: (pod: Pod, rt: PodRuntime) => void, terminal = false): Pod | undefined {
    const rt = this.st().pods[uid];
    const pod = this.pod(uid);
    if (!rt || !pod) return undefined;
    return this.ctx.store.mutateStatus(pod, (draft) => {
      fn(draft, rt);
      applyPhaseAndConditions(draft, rt, this.nodeReady(rt.node), this.ctx.nowIso(), terminal);
    });
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string, init = false): void {
    const fieldPath = container ? `spec.${init ? 'initContainers' : 'containers'}{${container}}` : undefined;
    this.ctx.record(pod, type, reason, message, SOURCE, { host: pod.spec.nodeName, fieldPath });
  }

  sync(uid: string): void {
    const pod = this.pod(uid);
    if (!pod || !pod.spec.nodeName) return;
    const s = this.st();
    if (s.down[pod.spec.nodeName] !== undefined) return;
    const rt = s.pods[uid];
    if (!rt) this.admit(pod);
    else if (pod.metadata.deletionTimestamp && !rt.terminating) terminate(this, uid);
  }

  private admit(pod: Pod): void {
    const now = this.ctx.now();
    const rt: PodRuntime = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      node: pod.spec.nodeName!,
      admittedAt: now,
      sandboxReady: false,
      initIndex: 0,
      containers: {},
      terminating: false,
    };
    const inits = pod.spec.initContainers ?? [];
    for (const c of inits) rt.containers[c.name] = newContainer(true);
    for (const c of pod.spec.containers) rt.containers[c.name] = newContainer(false);
    this.st().pods[rt.uid] = rt;
    const node = this.ctx.store.get('Node', undefined, rt.node) as { status?: { addresses?: { type: string; address: string }[] } } | undefined;
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    this.update(rt.uid, (p) => {
      p.status.hostIP = hostIP;
      p.status.hostIPs = [{ ip: hostIP }];
      p.status.startTime = rfc3339(now);
      if (inits.length > 0) p.status.initContainerStatuses = inits.map((c) => waitingStatus(c, 'PodInitializing'));
      p.status.containerStatuses = pod.spec.containers.map((c) => waitingStatus(c, inits.length > 0 ? 'PodInitializing' : 'ContainerCreating'));
    });
    for (const c of pod.spec.containers) {
      for (const type of ['startup', 'readiness', 'liveness'] as ProbeType[]) {
        if (!probeOf(c, type)) continue;
        rt.containers[c.name].probes[type] = { result: type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : 'Unknown', run: 0, onHold: false, instance: 0 };
        this.ctx.after(0, 'kubelet.probe', `${rt.uid}/${c.name}/${type}`, undefined, true);
      }
    }
    if (pod.metadata.deletionTimestamp) {
      terminate(this, rt.uid);
      return;
    }
    this.ctx.after(300 + this.ctx.rng.int(500), 'kubelet.sandbox', rt.uid, undefined, true);
  }

  sandbox(uid: string): void {
    const live = this.live(uid);
    if (!live || live.rt.terminating) return;
    const { pod, rt } = live;
    const mountError = volumeMountError(this.ctx, pod);
    if (mountError) {
      this.event(pod, 'Warning', 'FailedMount', mountError);
      this.ctx.after(RETRY_MS * 3, 'kubelet.retry', uid, undefined, true);
      return;
    }
    const s = this.st();
    // The node's pod CIDR (10.244.<n>.0/24) gives the subnet; node names do not (gpu-1 and node-1 would collide).
    const cidr = (this.ctx.store.get('Node', undefined, rt.node)?.spec as { podCIDR?: string } | undefined)?.podCIDR;
    const nodeIndex = Number(/^10\.244\.(\d+)\./.exec(cidr ?? '')?.[1] ?? /(\d+)$/.exec(rt.node)?.[1] ?? 0) % 250;
    const host = (s.nextIp[rt.node] ?? 1) + 1;
    s.nextIp[rt.node] = host >= 254 ? 1 : host;
    rt.sandboxReady = true;
    rt.podIP = `10.244.${nodeIndex}.${host}`;
    this.update(uid, (p) => {
      p.status.podIP = rt.podIP;
      p.status.podIPs = [{ ip: rt.podIP! }];
    });
    this.startNext(uid);
  }

  /** Starts the next init container, or all regular containers once init is done. */
  startNext(uid: string): void {
    const live = this.live(uid);
    if (!live) return;
    const { pod, rt } = live;
    const inits = pod.spec.initContainers ?? [];
    if (rt.initIndex < inits.length) {
      this.startContainer(uid, inits[rt.initIndex]);
      return;
    }
    for (const c of pod.spec.containers) {
      if (rt.containers[c.name].phase === 'waiting' && rt.containers[c.name].instance === 0) this.startContainer(uid, c);
    }
  }

  retry(uid: string): void {
    const live = this.live(uid);
    if (!live || live.rt.terminating) return;
    if (!live.rt.sandboxReady) {
      this.sandbox(uid);
      return;
    }
    const all = [...(live.pod.spec.initContainers ?? []), ...live.pod.spec.containers];
    for (const c of all) {
      const status = statusOf(live.pod, c.name);
      if (status?.state.waiting?.reason === 'CreateContainerConfigError') this.startContainer(uid, c);
    }
  }

  startContainer(uid: string, c: Container): void {
    const live = this.live(uid);
    if (!live) return;
    const { pod, rt } = live;
    const cr = rt.containers[c.name];
    const init = cr.init;
    const configError = containerConfigError(this.ctx, pod, c);
    if (configError) {
      this.update(uid, (p) => setWaiting(p, c.name, 'CreateContainerConfigError', configError));
      this.event(pod, 'Warning', 'Failed', `Error: ${configError}`, c.name, init);
      this.ctx.after(RETRY_MS, 'kubelet.retry', uid, undefined, true);
      return;
    }
    if (!isValidImageName(c.image)) {
      const message = `Failed to apply default image tag "${c.image}": couldn't parse image name "${c.image}": invalid reference format`;
      this.update(uid, (p) => setWaiting(p, c.name, 'InvalidImageName', message));
      this.event(pod, 'Warning', 'InspectFailed', message, c.name, init);
      this.event(pod, 'Warning', 'Failed', 'Error: InvalidImageName', c.name, init);
      return;
    }
    const images = (this.st().images[rt.node] ??= []);
    const present = images.includes(c.image);
    const policy = c.imagePullPolicy ?? 'IfNotPresent';
    const behavior = this.behavior(pod, c);
    if (policy === 'Never' && !present) {
      const message = `Container image "${c.image}" is not present with pull policy of Never`;
      this.update(uid, (p) => setWaiting(p, c.name, 'ErrImageNeverPull', message));
      this.event(pod, 'Warning', 'ErrImageNeverPull', message, c.name, init);
      return;
    }
    if (present && policy !== 'Always' && behavior.imagePull !== 'fail') {
      this.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c.name, init);
      this.run(uid, c);
      return;
    }
    cr.phase = 'pulling';
    this.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c.name, init);
    const pullMs = behavior.pullMs ?? (present ? 200 + this.ctx.rng.int(300) : imagePullMs(c.image));
    this.ctx.after(pullMs, 'kubelet.pulled', `${uid}/${c.name}`, { instance: cr.instance, fail: behavior.imagePull === 'fail', pullMs, waitMs: pullMs }, true);
  }

  /** Creates and starts a container instance. */
  run(uid: string, c: Container): void {
    const live = this.live(uid);
    if (!live) return;
    const { pod, rt } = live;
    const cr = rt.containers[c.name];
    const now = this.ctx.now();
    cr.instance++;
    cr.phase = 'running';
    cr.startedAt = now;
    cr.started = !c.startupProbe;
    const containerID = `containerd://${this.hex(64)}`;
    const readyNow = cr.started && !c.readinessProbe;
    this.event(pod, 'Normal', 'Created', `Created container ${c.name}`, c.name, cr.init);
    this.event(pod, 'Normal', 'Started', `Started container ${c.name}`, c.name, cr.init);
    this.update(uid, (p) => {
      const s = statusOf(p, c.name);
      if (!s) return;
      s.containerID = containerID;
      s.imageID = `${fullImageName(c.image).replace(/:[^:/@]+$/, '')}@sha256:${imageDigest(c.image)}`;
      s.state = { running: { startedAt: rfc3339(now) } };
      s.started = cr.started;
      s.ready = readyNow;
    });
    const behavior = this.behavior(pod, c);
    const key = `${uid}/${c.name}`;
    if (cr.init) {
      this.ctx.after(behavior.completeAfterMs ?? INIT_RUN_MS, 'kubelet.exit', key, { instance: cr.instance, exitCode: 0, reason: 'Completed' }, true);
      return;
    }
    const crashes = behavior.crashAfterMs !== undefined && (behavior.crashTimes === undefined || cr.crashes < behavior.crashTimes);
    if (crashes) this.ctx.after(behavior.crashAfterMs!, 'kubelet.exit', key, { instance: cr.instance, exitCode: behavior.exitCode, reason: behavior.exitCode === 0 ? 'Completed' : 'Error' }, true);
    else if (behavior.completeAfterMs !== undefined) this.ctx.after(behavior.completeAfterMs, 'kubelet.exit', key, { instance: cr.instance, exitCode: 0, reason: 'Completed' }, true);
    if (cr.started && c.readinessProbe) probeTick(this, `${uid}/${c.name}/readiness`, true);
  }

  /** A crash fault added while containers run: arm its exit for every running instance it now targets. */
  armFaults(): void {
    const now = this.ctx.now();
    for (const rt of Object.values(this.st().pods)) {
      const live = this.live(rt.uid);
      if (!live || rt.terminating) continue;
      for (const c of live.pod.spec.containers) {
        const cr = rt.containers[c.name];
        if (!cr || cr.phase !== 'running' || cr.init) continue;
        const behavior = this.behavior(live.pod, c);
        if (behavior.crashAfterMs === undefined || (behavior.crashTimes !== undefined && cr.crashes >= behavior.crashTimes)) continue;
        const ranFor = now - (cr.startedAt ?? now);
        const data = { instance: cr.instance, exitCode: behavior.exitCode, reason: behavior.exitCode === 0 ? 'Completed' : 'Error' };
        this.ctx.after(Math.max(0, behavior.crashAfterMs - ranFor), 'kubelet.exit', `${rt.uid}/${c.name}`, data, true);
      }
    }
  }

  exit(key: string, data: { instance: number; exitCode: number; reason: string }): void {
    const [uid, name] = key.split('/');
    const live = this.live(uid);
    if (!live) return;
    const { pod, rt } = live;
    const cr = rt.containers[name];
    if (!cr || cr.instance !== data.instance || (cr.phase !== 'running' && cr.phase !== 'stopping')) return;
    const now = this.ctx.now();
    cr.phase = 'exited';
    cr.started = false;
    if (data.exitCode !== 0) cr.crashes++;
    const restart = willRestart(pod.spec.restartPolicy, data.exitCode) && !rt.terminating;
    if (cr.init && data.exitCode === 0) rt.initIndex++;
    this.update(uid, (p) => {
      const s = statusOf(p, name);
      if (!s) return;
      s.state = { terminated: { exitCode: data.exitCode, reason: data.reason, startedAt: rfc3339(cr.startedAt ?? now), finishedAt: rfc3339(now), containerID: s.containerID } };
      s.ready = false;
      s.started = false;
      if (cr.init && data.exitCode === 0 && rt.initIndex >= (p.spec.initContainers ?? []).length) {
        for (const cs of p.status.containerStatuses ?? []) if (cs.state.waiting?.reason === 'PodInitializing') cs.state = { waiting: { reason: 'ContainerCreating' } };
      }
    });
    if (rt.terminating) return;
    if (cr.init && data.exitCode === 0) {
      this.startNext(uid);
      return;
    }
    if (!restart) return;
    if (inBackoffSince(cr.crashBackoff, now, now)) {
      const backoff = goDuration(cr.crashBackoff!.durationMs);
      const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      this.update(uid, (p) => setWaiting(p, name, 'CrashLoopBackOff', `back-off ${backoff} restarting failed container=${name} pod=${podRef}`, true));
      this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${podRef}`, name, cr.init);
      this.ctx.after(cr.crashBackoff!.durationMs, 'kubelet.restart', key, { instance: cr.instance }, true);
    } else {
      this.ctx.after(0, 'kubelet.restart', key, { instance: cr.instance }, true);
    }
  }

  restart(key: string, data: { instance: number }): void {
    const [uid, name] = key.split('/');
    const live = this.live(uid);
    if (!live || live.rt.terminating) return;
    const { pod, rt } = live;
    const cr = rt.containers[name];
    const c = containerOf(pod, name);
    if (!cr || !c || cr.instance !== data.instance || cr.phase !== 'exited') return;
    cr.crashBackoff = nextBackoff(cr.crashBackoff, this.ctx.now());
    this.update(uid, (p) => {
      const s = statusOf(p, name);
      if (!s) return;
      const last = s.state.terminated ?? s.lastState.terminated;
      if (s.state.terminated) s.lastState = { terminated: s.state.terminated };
      else if (last) s.lastState = { terminated: last };
      s.restartCount++;
      s.state = { waiting: { reason: 'ContainerCreating' } };
    });
    cr.phase = 'waiting';
    this.startContainer(uid, c);
  }

  setReady(uid: string, name: string, ready: boolean): void {
    this.update(uid, (p) => {
      const s = statusOf(p, name);
      if (s && s.state.running) s.ready = ready;
    });
  }

  /** Node back up: resume every pod on it. */
  resumeNode(node: string): void {
    for (const rt of Object.values(this.st().pods)) {
      if (rt.node !== node) continue;
      const pod = this.pod(rt.uid);
      if (!pod) continue;
      if (pod.metadata.deletionTimestamp) {
        rt.terminating = false;
        terminate(this, rt.uid);
        continue;
      }
      this.update(rt.uid, () => undefined);
      if (!rt.sandboxReady) this.ctx.after(0, 'kubelet.sandbox', rt.uid, undefined, true);
      for (const c of pod.spec.containers) for (const type of Object.keys(rt.containers[c.name]?.probes ?? {})) this.ctx.after(0, 'kubelet.probe', `${rt.uid}/${c.name}/${type}`, undefined, true);
    }
  }

  private hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.ctx.rng.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }
}

function waitingStatus(c: Container, reason: string): ContainerStatus {
  return { name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason } }, lastState: {} };
}
