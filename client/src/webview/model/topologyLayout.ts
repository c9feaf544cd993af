/** Layout of the topology graph: columns left to right, rows from the pods outwards. */
import { NODE_WIDTH, type GraphBuilder, type TopoNode, type Topology } from './topologyGraph';

const ROW_GAP = 8;
const GROUP_GAP = 18;
const COLUMN_GAP = 56;
const MARGIN = 16;

/**
 * Column 2 (pods) is stacked in controller order; every other column sits at the average height of
 * what it links to, pushed down where boxes would overlap. Empty columns are dropped.
 */
export function layout(g: GraphBuilder, servicePods: Map<string, string[]>): Topology {
  const nodes = [...g.nodes.values()];
  const inColumn = (c: number): TopoNode[] => nodes.filter((n) => n.column === c);
  const podOrder: TopoNode[] = [];
  const placed = new Set<string>();
  const visit = (id: string): void => {
    const node = g.nodes.get(id);
    if (!node) return;
    if (node.column === 2) {
      if (!placed.has(id)) {
        placed.add(id);
        podOrder.push(node);
      }
      return;
    }
    for (const child of g.children.get(id) ?? []) visit(child);
  };
  for (const column of [4, 3]) for (const node of inColumn(column)) visit(node.id);
  for (const node of inColumn(2)) if (!placed.has(node.id) && !node.placeholder) visit(node.id);
  for (const node of inColumn(2)) if (!placed.has(node.id)) visit(node.id);

  const parents = new Map<string, string>();
  for (const [parent, children] of g.children) for (const child of children) if (!parents.has(child)) parents.set(child, parent);
  let y = MARGIN;
  let previousGroup: string | undefined;
  for (const node of podOrder) {
    const group = parents.get(node.id);
    if (previousGroup !== undefined && group !== previousGroup) y += GROUP_GAP - ROW_GAP;
    node.y = y;
    y += node.height + ROW_GAP;
    previousGroup = group;
  }
  const center = (n: TopoNode): number => n.y + n.height / 2;
  const neighbours = new Map<string, TopoNode[]>();
  for (const e of g.edges.values()) {
    const from = g.nodes.get(e.from);
    const to = g.nodes.get(e.to);
    if (!from || !to) continue;
    for (const [a, b] of [
      [from, to],
      [to, from],
    ]) {
      const list = neighbours.get(a.id);
      if (list) list.push(b);
      else neighbours.set(a.id, [b]);
    }
  }
  const linked = (id: string, column: number): TopoNode[] => (neighbours.get(id) ?? []).filter((n) => n.column === column);
  const placeColumn = (column: number, towards: number): void => {
    const wanted = inColumn(column).map((node) => {
      const targets = column === 1 ? (servicePods.get(node.id) ?? []).map((id) => g.nodes.get(id)).filter((n): n is TopoNode => !!n) : linked(node.id, towards);
      const mean = targets.length > 0 ? targets.reduce((sum, t) => sum + center(t), 0) / targets.length - node.height / 2 : Number.POSITIVE_INFINITY;
      return { node, mean };
    });
    wanted.sort((a, b) => a.mean - b.mean);
    let bottom = MARGIN;
    for (const { node, mean } of wanted) {
      node.y = Math.max(Number.isFinite(mean) ? mean : bottom, bottom);
      bottom = node.y + node.height + ROW_GAP;
    }
  };
  placeColumn(3, 2);
  placeColumn(4, 3);
  placeColumn(1, 2);
  placeColumn(0, 1);

  const used = [0, 1, 2, 3, 4].filter((c) => nodes.some((n) => n.column === c));
  for (const node of nodes) node.x = MARGIN + used.indexOf(node.column) * (NODE_WIDTH + COLUMN_GAP);
  const width = used.length === 0 ? 0 : MARGIN * 2 + used.length * NODE_WIDTH + (used.length - 1) * COLUMN_GAP;
  const height = nodes.reduce((max, n) => Math.max(max, n.y + n.height), 0) + MARGIN;
  return { nodes, edges: [...g.edges.values()], width, height: nodes.length === 0 ? 0 : height };
}
