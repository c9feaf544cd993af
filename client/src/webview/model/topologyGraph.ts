/** The topology graph's shapes and the builder that collects boxes, links and the display order. */
import type { ObjectRef } from '../../../../server/src/lsp/protocol';
import type { PodCategory } from './pods';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 40;
export const POD_HEIGHT = 30;

export type TopoTone = 'ok' | 'warn' | 'error' | 'muted';

export interface TopoNode {
  id: string;
  kind: string;
  /** Absent for placeholders (a missing Service, "no pods"). */
  ref?: ObjectRef;
  label: string;
  detail: string;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
  tone?: TopoTone;
  /** A placeholder for something that should exist and does not. */
  placeholder?: boolean;
  /** Pods and pod groups: the worst category among the pods. */
  category?: PodCategory;
}

export interface TopoEdge {
  id: string;
  from: string;
  to: string;
  /** A link that cannot carry traffic: drawn dashed in the warning colour. */
  broken: boolean;
  /** A link to pods that are not ready: drawn faint. */
  faint?: boolean;
  title: string;
}

export interface Topology {
  nodes: TopoNode[];
  edges: TopoEdge[];
  width: number;
  height: number;
}

export class GraphBuilder {
  readonly nodes = new Map<string, TopoNode>();
  readonly edges = new Map<string, TopoEdge>();
  /** Children in the next column towards the pods, in display order. */
  readonly children = new Map<string, string[]>();

  node(node: Omit<TopoNode, 'x' | 'y' | 'width' | 'height'> & { height?: number }): TopoNode {
    const existing = this.nodes.get(node.id);
    if (existing) return existing;
    const full: TopoNode = { ...node, x: 0, y: 0, width: NODE_WIDTH, height: node.height ?? NODE_HEIGHT };
    this.nodes.set(full.id, full);
    return full;
  }

  edge(from: string, to: string, props: { broken?: boolean; faint?: boolean; title: string }): void {
    const id = `${from}->${to}`;
    const existing = this.edges.get(id);
    if (existing) {
      existing.broken ||= props.broken ?? false;
      existing.faint &&= props.faint ?? false;
      return;
    }
    this.edges.set(id, { id, from, to, broken: props.broken ?? false, ...(props.faint ? { faint: true } : {}), title: props.title });
  }

  child(parent: string, child: string): void {
    const list = this.children.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    this.children.set(parent, list);
  }
}
