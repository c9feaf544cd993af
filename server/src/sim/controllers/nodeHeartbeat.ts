import type { Controller, SimContext } from '../context';
import { newKubeletState, type KubeletState } from '../kubelet/state';
import type { StoreChange } from '../store/store';
import type { Condition } from '../types';
import { NODE_STATUS_REPORT_MS } from '../version';
import type { SimNode } from './scheduler/fit';

/**
 * Node status reports: a running kubelet posts its unchanged status every nodeStatusReportFrequency
 * (5 minutes), which moves each condition's lastHeartbeatTime. A node that is down stops reporting.
 * upstream: pkg/kubelet/kubelet_node_status.go tryUpdateNodeStatus (nodeStatusReportFrequency)
 */
export function nodeHeartbeatController(ctx: SimContext): Controller {
  const name = 'node-heartbeat';
  const schedule = (node: string): void => ctx.after(NODE_STATUS_REPORT_MS, 'node.heartbeat', node, undefined, true);
  return {
    name,
    observe(change: StoreChange) {
      if (change.object.kind === 'Node' && change.type === 'ADDED') schedule(change.object.metadata.name);
    },
    timers: {
      'node.heartbeat': (nodeName) => {
        const node = ctx.store.get<SimNode>('Node', undefined, nodeName);
        if (!node) return;
        schedule(nodeName);
        if (ctx.state<KubeletState>('kubelet', newKubeletState).down[nodeName] !== undefined) return;
        const now = ctx.nowIso();
        ctx.store.mutate(node, (n) => {
          for (const c of (n.status?.conditions ?? []) as Condition[]) if (c.status !== 'Unknown') c.lastHeartbeatTime = now;
        });
      },
    },
  };
}
