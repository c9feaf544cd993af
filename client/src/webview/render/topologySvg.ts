/** The topology graph as SVG: boxes per object, curved links, broken links dashed in the warning colour. */
import type { TopoNode, Topology } from '../model/topology';
import { attrs, esc, refAttrs, truncate } from './html';

const HEADER = 26;
const PLURAL: Record<string, string> = {
  Ingress: 'Ingresses',
  Service: 'Services',
  Pod: 'Pods',
  PodGroup: 'Pods',
  NoPods: 'Pods',
  ReplicaSet: 'ReplicaSets',
  StatefulSet: 'StatefulSets',
  DaemonSet: 'DaemonSets',
  Job: 'Jobs',
  Deployment: 'Deployments',
  CronJob: 'CronJobs',
};

/** "Pods", "ReplicaSets · Jobs": the kinds a column holds. */
function columnTitle(nodes: TopoNode[]): string {
  return [...new Set(nodes.map((n) => PLURAL[n.kind] ?? n.kind))].join(' · ');
}
const KIND_BADGE: Record<string, string> = {
  Ingress: 'ing',
  Service: 'svc',
  Pod: 'pod',
  PodGroup: 'pods',
  NoPods: '',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  Deployment: 'deploy',
  CronJob: 'cronjob',
};

function edgePath(from: TopoNode, to: TopoNode): string {
  const rightwards = from.x <= to.x;
  const x1 = rightwards ? from.x + from.width : from.x;
  const x2 = rightwards ? to.x : to.x + to.width;
  const y1 = from.y + from.height / 2;
  const y2 = to.y + to.height / 2;
  const bend = (x2 - x1) / 2;
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

function nodeLabel(node: TopoNode): string {
  const where = node.ref?.namespace ? `${node.ref.namespace}/` : '';
  const kind = node.kind === 'PodGroup' ? `Pods of ${node.ref?.kind ?? 'no controller'}` : node.kind === 'NoPods' ? 'Placeholder' : node.kind;
  return `${kind} ${where}${node.kind === 'PodGroup' ? (node.ref?.name ?? '') : node.label}: ${node.kind === 'PodGroup' ? `${node.label}, ` : ''}${node.detail}${node.placeholder ? ' (broken link)' : ''}`;
}

function renderNode(node: TopoNode, selectedKey: string | undefined): string {
  const interactive = node.ref !== undefined && !node.placeholder;
  const key = node.ref ? `${node.ref.kind}/${node.ref.namespace ?? ''}/${node.ref.name}` : undefined;
  const selected = interactive && key === selectedKey;
  const classes = [
    'topo-node',
    `kind-${node.kind}`,
    node.tone ? `tone-${node.tone}` : '',
    node.category ? `cat-${node.category}` : '',
    node.placeholder ? 'placeholder' : '',
    selected ? 'selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const badge = KIND_BADGE[node.kind] ?? node.kind.toLowerCase();
  const small = node.height < 36;
  const labelY = small ? 13 : 17;
  const detailY = small ? 25 : 32;
  return `<g${attrs({
    class: classes,
    transform: `translate(${node.x},${node.y})`,
    'data-testid': node.placeholder ? 'topo-placeholder' : 'topo-node',
    'data-node-kind': node.kind,
    'data-node-id': node.id,
    'data-tone': node.tone,
    'data-focus-key': interactive ? `topo:${node.id}` : undefined,
    'data-select': interactive,
    tabindex: interactive ? 0 : undefined,
    role: interactive ? 'button' : 'img',
    'aria-label': nodeLabel(node),
    ...(interactive ? refAttrs(node.ref) : { 'data-name': node.label }),
  })}><title>${esc(nodeLabel(node))}</title><rect class="box" width="${node.width}" height="${node.height}" rx="4"/><rect class="accent" width="4" height="${node.height}" rx="2"/>${
    node.category ? `<circle class="dot cat-${node.category}" cx="${node.width - 12}" cy="${node.height / 2}" r="5"/>` : ''
  }<text class="label" x="12" y="${labelY}">${esc(truncate(node.label, node.category ? 22 : 24))}</text><text class="detail" x="12" y="${detailY}">${esc(truncate(node.detail, 30))}</text>${
    badge && !node.category ? `<text class="badge" x="${node.width - 6}" y="${labelY}" text-anchor="end">${esc(badge)}</text>` : ''
  }</g>`;
}

export function renderTopology(topology: Topology, selectedKey?: string): string {
  if (topology.nodes.length === 0) return '<p class="empty">Nothing to draw yet: apply a Deployment, a Service or an Ingress.</p>';
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const columns = new Map<number, TopoNode[]>();
  for (const node of topology.nodes) {
    const list = columns.get(node.column);
    if (list) list.push(node);
    else columns.set(node.column, [node]);
  }
  const titles = [...columns.values()].map((nodes) => `<text class="column-title" x="${nodes[0].x + 4}" y="16">${esc(columnTitle(nodes))}</text>`).join('');
  const edges = topology.edges
    .map((edge) => {
      const from = byId.get(edge.from);
      const to = byId.get(edge.to);
      if (!from || !to) return '';
      const classes = ['edge', edge.broken ? 'broken' : '', edge.faint ? 'faint' : ''].filter(Boolean).join(' ');
      return `<path${attrs({
        class: classes,
        d: edgePath(from, to),
        'marker-end': `url(#${edge.broken ? 'arrow-broken' : 'arrow'})`,
        'data-testid': 'topo-edge',
        'data-from': edge.from,
        'data-to': edge.to,
        'data-broken': edge.broken ? 'true' : 'false',
      })}><title>${esc(edge.title)}</title></path>`;
    })
    .join('');
  const nodes = topology.nodes.map((n) => renderNode(n, selectedKey)).join('');
  const width = topology.width;
  const height = topology.height + HEADER;
  return `<svg class="topology" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Topology: ${topology.nodes.length} objects, ${topology.edges.filter((e) => e.broken).length} broken links"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker><marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrowhead broken" d="M0,0 L10,5 L0,10 z"/></marker></defs>${titles}<g transform="translate(0,${HEADER})"><g class="edges">${edges}</g><g class="nodes">${nodes}</g></g></svg>`;
}
