/**
 * The Nodes view: one card per node with the pods bound to it, what they request against what the
 * node can allocate (as the scheduler counts it), and whether the node is ready and schedulable.
 */
import type { KubeObject } from '../../../../server/src/lsp/protocol';
import type { Container, Pod } from '../../../../server/src/sim/types';
import { bytes, milliCpu } from '../../../../server/src/sim/util/quantity';
import type { ClusterModel } from './clusterModel';
import { summarizePod, type PodSummary } from './pods';

export interface Usage {
  requested: number;
  allocatable: number;
}

export interface NodeCard {
  key: string;
  name: string;
  /** kubectl's STATUS: Ready, NotReady, with ",SchedulingDisabled" when cordoned. */
  status: string;
  ready: boolean;
  cordoned: boolean;
  /** Millicores. */
  cpu: Usage;
  /** Bytes. */
  memory: Usage;
  pods: Usage;
  podList: PodSummary[];
}

const NATURAL = new Intl.Collator('en', { numeric: true });

/** "node-2" before "node-10". */
export function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

/** Pending pods that no node has taken yet. */
export const UNSCHEDULED = '(unscheduled)';

interface NodeObject extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: { allocatable?: Record<string, string>; conditions?: { type: string; status: string }[] };
}

/** What a pod asks the scheduler for: max(sum of containers, largest init container), per resource. */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  const sum = (containers: Container[] | undefined, read: (c: Container) => number): number => (containers ?? []).reduce((total, c) => total + read(c), 0);
  const max = (containers: Container[] | undefined, read: (c: Container) => number): number =>
    (containers ?? []).reduce((best, c) => Math.max(best, read(c)), 0);
  const cpu = (c: Container): number => milliCpu(c.resources?.requests?.cpu ?? 0);
  const memory = (c: Container): number => bytes(c.resources?.requests?.memory ?? 0);
  return {
    cpu: Math.max(sum(pod.spec?.containers, cpu), max(pod.spec?.initContainers, cpu)),
    memory: Math.max(sum(pod.spec?.containers, memory), max(pod.spec?.initContainers, memory)),
  };
}

/** Pods in a terminal phase no longer hold their requests. */
function holdsResources(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export function nodeStatus(node: KubeObject): { status: string; ready: boolean; cordoned: boolean } {
  const { spec, status } = node as NodeObject;
  const ready = status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const cordoned = spec?.unschedulable === true;
  return { status: `${ready ? 'Ready' : 'NotReady'}${cordoned ? ',SchedulingDisabled' : ''}`, ready, cordoned };
}

const byNamespaceAndName = (a: PodSummary, b: PodSummary): number =>
  a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1;

/**
 * Node cards sorted by name, followed by an "(unscheduled)" card when pods wait for a node. Pods on a
 * node that does not exist (any more) are listed under the unscheduled card too.
 */
export function nodeCards(model: ClusterModel): NodeCard[] {
  const now = model.now();
  const cards = new Map<string, NodeCard>();
  for (const node of model.list<NodeObject>('Node').sort((a, b) => naturalCompare(a.metadata.name, b.metadata.name))) {
    const allocatable = node.status?.allocatable ?? {};
    cards.set(node.metadata.name, {
      key: `Node//${node.metadata.name}`,
      name: node.metadata.name,
      ...nodeStatus(node),
      cpu: { requested: 0, allocatable: milliCpu(allocatable.cpu ?? 0) },
      memory: { requested: 0, allocatable: bytes(allocatable.memory ?? 0) },
      pods: { requested: 0, allocatable: Number(allocatable.pods ?? 0) || 0 },
      podList: [],
    });
  }
  let unscheduled: NodeCard | undefined;
  for (const obj of model.list('Pod')) {
    const pod = obj as unknown as Pod;
    const summary = summarizePod(obj, now);
    let card = summary.node ? cards.get(summary.node) : undefined;
    if (!card) {
      unscheduled ??= {
        key: 'Node//',
        name: UNSCHEDULED,
        status: 'Pending',
        ready: true,
        cordoned: false,
        cpu: { requested: 0, allocatable: 0 },
        memory: { requested: 0, allocatable: 0 },
        pods: { requested: 0, allocatable: 0 },
        podList: [],
      };
      card = unscheduled;
    }
    card.podList.push(summary);
    if (card !== unscheduled && holdsResources(pod)) {
      const requests = podRequests(pod);
      card.cpu.requested += requests.cpu;
      card.memory.requested += requests.memory;
      card.pods.requested += 1;
    }
  }
  const out = [...cards.values()];
  if (unscheduled) out.push(unscheduled);
  for (const card of out) card.podList.sort(byNamespaceAndName);
  return out;
}

/** "1.25" CPUs from millicores (trailing zeros dropped). */
export function formatCpu(millicores: number): string {
  return String(Math.round(millicores) / 1000);
}

/** "768Mi", "1.5Gi" from bytes. */
export function formatMemory(value: number): string {
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (value >= size) return `${Number((value / size).toFixed(value % size === 0 ? 0 : 1))}${unit}`;
  }
  return String(value);
}

/** Fraction requested/allocatable, clamped to [0, 1]; 0 when nothing is allocatable. */
export function fraction(usage: Usage): number {
  if (usage.allocatable <= 0) return 0;
  return Math.min(1, Math.max(0, usage.requested / usage.allocatable));
}
