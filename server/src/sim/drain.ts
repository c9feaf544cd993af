import type { Controller, SimContext } from './context';
import { podsOn } from './controllers/nodeLifecycle';
import { evictPod } from './eviction';
import { controllerRef } from './util/pods';

/** kubectl drain retries a refused eviction after 5 seconds. */
export const DRAIN_RETRY_MS = 5_000;
/** How long a drain keeps retrying (kubectl's --timeout; unset there means forever). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;

interface DrainState {
  /** Nodes with refused evictions: when the drain gives up, and the output lines so far. */
  nodes: Record<string, { deadline: number; lines: string[]; done: boolean }>;
}

const stateOf = (ctx: SimContext): DrainState => ctx.state<DrainState>('drain', () => ({ nodes: {} }));

/**
 * One pass of `kubectl drain --ignore-daemonsets --delete-emptydir-data` over a (cordoned) node: every
 * pod no DaemonSet owns is evicted through the eviction subresource. Refused evictions (a
 * PodDisruptionBudget) are retried every 5 seconds until they succeed or the timeout passes.
 * upstream: staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods
 */
export function startDrain(ctx: SimContext, node: string, timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): string[] {
  const daemons = podsOn(ctx, node).filter((p) => controllerRef(p)?.kind === 'DaemonSet');
  const lines =
    daemons.length > 0 ? [`Warning: ignoring DaemonSet-managed Pods: ${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`] : [];
  stateOf(ctx).nodes[node] = { deadline: ctx.now() + timeoutMs, lines, done: false };
  drainPass(ctx, node);
  return stateOf(ctx).nodes[node].lines;
}

/** Whether a drain started on the node is still waiting for refused evictions. */
export function drainPending(ctx: SimContext, node: string): boolean {
  const entry = stateOf(ctx).nodes[node];
  return !!entry && !entry.done;
}

/** The output of the node's latest drain. */
export function drainOutput(ctx: SimContext, node: string): string[] {
  return stateOf(ctx).nodes[node]?.lines ?? [];
}

function drainPass(ctx: SimContext, node: string): void {
  const entry = stateOf(ctx).nodes[node];
  if (!entry || entry.done) return;
  let refused = 0;
  for (const pod of podsOn(ctx, node)) {
    if (controllerRef(pod)?.kind === 'DaemonSet' || pod.metadata.deletionTimestamp) continue;
    const ns = pod.metadata.namespace ?? 'default';
    entry.lines.push(`evicting pod ${ns}/${pod.metadata.name}`);
    const result = evictPod(ctx, ns, pod.metadata.name);
    if (result.ok) continue;
    refused++;
    entry.lines.push(`error when evicting pods/"${pod.metadata.name}" -n "${ns}" (will retry after 5s): ${result.message}`);
    if (result.cause) entry.lines.push(`  ${result.cause} (PodDisruptionBudget ${result.budget?.namespace}/${result.budget?.name})`);
  }
  if (refused === 0) {
    entry.lines.push(`node/${node} drained`);
    entry.done = true;
  } else if (ctx.now() + DRAIN_RETRY_MS > entry.deadline) {
    entry.lines.push(
      `error: unable to drain node "${node}" due to error: global timeout reached: ${Math.round((entry.deadline - ctx.now()) / 1000) + DRAIN_RETRY_MS / 1000}s, continuing command...`,
    );
    entry.done = true;
  } else ctx.after(DRAIN_RETRY_MS, 'drain.retry', node, undefined, true);
}

/** Runs the drain retries on the virtual clock. */
export function drainController(ctx: SimContext): Controller {
  return { name: 'drain', timers: { 'drain.retry': (node) => drainPass(ctx, node) } };
}
