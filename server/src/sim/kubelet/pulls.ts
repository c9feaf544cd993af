import { goDuration } from '../util/duration';
import { fullImageName } from './config';
import { imageSize } from './images';
import { containerOf, setWaiting, statusOf, type KubeletAccess } from './access';
import { nextBackoff } from './state';

export interface PullResult {
  instance: number;
  fail: boolean;
  pullMs: number;
  waitMs: number;
}

/** The container a pull timer is about, if that instance still exists in the expected phase. */
function pullTarget(k: KubeletAccess, key: string, instance: number, phase: 'pulling' | 'waiting') {
  const [uid, name] = key.split('/');
  const live = k.live(uid);
  if (!live || live.rt.terminating) return undefined;
  const { pod, rt } = live;
  const cr = rt.containers[name];
  const c = containerOf(pod, name);
  if (!cr || !c || cr.instance !== instance || cr.phase !== phase) return undefined;
  return { uid, name, pod, rt, cr, c };
}

export function pulled(k: KubeletAccess, key: string, data: PullResult): void {
  const target = pullTarget(k, key, data.instance, 'pulling');
  if (!target) return;
  const { uid, name, pod, rt, cr, c } = target;
  const full = fullImageName(c.image);
  if (data.fail) {
    const err = `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
    cr.phase = 'waiting';
    cr.pullBackoff = nextBackoff(cr.pullBackoff, k.ctx.now());
    k.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${err}`, name, cr.init);
    k.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', name, cr.init);
    k.update(uid, (p) => setWaiting(p, name, 'ErrImagePull', err));
    // The next pod sync finds the pull in back-off.
    k.ctx.after(1000, 'kubelet.pullRetry', key, { instance: cr.instance }, true);
    return;
  }
  const images = (k.st().images[rt.node] ??= []);
  if (!images.includes(c.image)) images.push(c.image);
  k.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${goDuration(data.pullMs)} (${goDuration(data.waitMs)} including waiting). Image size: ${imageSize(c.image)} bytes.`, name, cr.init);
  k.run(uid, c);
}

export function pullRetry(k: KubeletAccess, key: string, data: { instance: number }): void {
  const target = pullTarget(k, key, data.instance, 'waiting');
  if (!target) return;
  const { uid, name, pod, cr, c } = target;
  const since = cr.pullBackoff?.lastUpdate ?? 0;
  if (cr.pullBackoff && k.ctx.now() - since < cr.pullBackoff.durationMs) {
    const message = `Back-off pulling image "${c.image}"`;
    if (statusOf(pod, name)?.state.waiting?.reason !== 'ImagePullBackOff') {
      k.update(uid, (p) => setWaiting(p, name, 'ImagePullBackOff', message));
      k.event(pod, 'Normal', 'BackOff', message, name, cr.init);
      k.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', name, cr.init);
    }
    k.ctx.after(since + cr.pullBackoff.durationMs - k.ctx.now(), 'kubelet.pullRetry', key, data, true);
    return;
  }
  k.startContainer(uid, c);
}
