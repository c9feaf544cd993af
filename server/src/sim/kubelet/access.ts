/**
 * What the kubelet's helpers (image pulls, probes, termination) need of the kubelet, and the container
 * lookups they share. The kubelet implements it; the helpers import only this module, never the kubelet.
 */
import type { SimContext } from '../context';
import type { Behavior } from '../faults';
import type { Container, ContainerStatus, Pod } from '../types';
import type { KubeletState, PodRuntime } from './state';

export interface KubeletAccess {
  readonly ctx: SimContext;
  readonly st: () => KubeletState;
  /** The pod and its runtime, when the pod exists and its node is up. */
  live(uid: string): { pod: Pod; rt: PodRuntime } | undefined;
  behavior(pod: Pod, container?: Container): Behavior;
  /** Writes a pod status change and recomputes phase and conditions. */
  update(uid: string, fn: (pod: Pod, rt: PodRuntime) => void, terminal?: boolean): Pod | undefined;
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string, init?: boolean): void;
  /** Creates and starts a container instance. */
  run(uid: string, c: Container): void;
  startContainer(uid: string, c: Container): void;
  setReady(uid: string, name: string, ready: boolean): void;
}

export function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return pod.status.containerStatuses?.find((s) => s.name === name) ?? pod.status.initContainerStatuses?.find((s) => s.name === name);
}

export function containerOf(pod: Pod, name: string): Container | undefined {
  return pod.spec.containers.find((c) => c.name === name) ?? pod.spec.initContainers?.find((c) => c.name === name);
}

/** Sets a waiting state; `keepLast` moves the current terminated state to lastState (crash loop). */
export function setWaiting(pod: Pod, name: string, reason: string, message: string, keepLast = false): void {
  const s = statusOf(pod, name);
  if (!s) return;
  if (keepLast && s.state.terminated) s.lastState = { terminated: s.state.terminated };
  s.state = { waiting: { reason, message } };
  s.ready = false;
}
