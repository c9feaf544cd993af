/**
 * Pod Security admission in the simulated API server: the namespace's `pod-security.kubernetes.io/*`
 * labels decide. `enforce` refuses pods (controllers record the refusal as FailedCreate events);
 * `warn` returns kubectl's "would violate" warnings for pods, and for workloads whose pod template
 * violates the enforce or warn level, like the real plugin. The evaluation is the core's (the same
 * one the editor's pod-security rule uses).
 */
import { DEFAULT_KUBERNETES_VERSION } from '../../core/analysis/settings';
import {
  defaultPolicy,
  evaluatePodSecurity,
  namespacePolicy,
  violatesMessage,
  wouldViolateMessage,
  type LevelVersion,
  type NamespacePolicy,
} from '../../core/policy/podSecurity';
import type { SimContext } from '../context';
import type { KObject } from '../types';
import { isRecord } from '../util/record';

/** The policy of a namespace of the simulated cluster (namespaces without labels enforce nothing). */
function policyOf(ctx: SimContext, namespace: string | undefined): NamespacePolicy {
  const ns = namespace === undefined ? undefined : ctx.store.get('Namespace', undefined, namespace);
  return namespacePolicy(ns?.metadata.labels, defaultPolicy('privileged'));
}

function evaluate(pod: Record<string, unknown>, lv: LevelVersion): ReturnType<typeof evaluatePodSecurity> {
  return evaluatePodSecurity(pod, lv, DEFAULT_KUBERNETES_VERSION);
}

/** The refusal of a new Pod under `enforce`: `pods "web-abc" is forbidden: violates PodSecurity …`. */
export function enforcePodSecurity(ctx: SimContext, pod: KObject): string | undefined {
  const { enforce } = policyOf(ctx, pod.metadata.namespace);
  const violations = evaluate(pod as unknown as Record<string, unknown>, enforce);
  return violations.length > 0 ? `pods "${pod.metadata.name}" is forbidden: ${violatesMessage(enforce, violations)}` : undefined;
}

/** The pod object a workload creates (its template), or undefined for other kinds. */
function templateOf(obj: KObject): Record<string, unknown> | undefined {
  const path = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job'].includes(obj.kind)
    ? ['spec', 'template']
    : obj.kind === 'CronJob'
      ? ['spec', 'jobTemplate', 'spec', 'template']
      : undefined;
  let node: unknown = obj;
  for (const step of path ?? []) node = isRecord(node) ? node[step] : undefined;
  return path && isRecord(node) ? node : undefined;
}

/** Warnings for an object being created or updated: the warn level for Pods; enforce and warn levels for workload templates. */
export function podSecurityWarnings(ctx: SimContext, obj: KObject): string[] {
  const policy = policyOf(ctx, obj.metadata.namespace);
  if (obj.kind === 'Pod') {
    const violations = evaluate(obj as unknown as Record<string, unknown>, policy.warn);
    return violations.length > 0 ? [wouldViolateMessage(policy.warn, violations)] : [];
  }
  const template = templateOf(obj);
  if (!template) return [];
  const out: string[] = [];
  for (const lv of [policy.enforce, policy.warn]) {
    const violations = evaluate(template, lv);
    const message = violations.length > 0 ? wouldViolateMessage(lv, violations) : undefined;
    if (message && !out.includes(message)) out.push(message);
  }
  return out;
}
