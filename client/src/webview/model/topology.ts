/**
 * The topology graph, from live state: Ingress → Service → Pods ← ReplicaSet ← Deployment (and the
 * other controllers). Broken links are part of the graph: a Service whose selector matches no pod
 * points at a "no pods" placeholder, an Ingress backend naming a missing Service points at a
 * "missing" placeholder. Large pod sets collapse into one node per controller.
 */
import type { KubeObject } from '../../../../server/src/lsp/protocol';
import type { OwnerReference } from '../../../../server/src/sim/types';
import { keyOf, refOf, type ClusterModel } from './clusterModel';
import { naturalCompare } from './nodes';
import { summarizePod, type PodCategory, type PodSummary } from './pods';
import { hasSelector, ingressRoutes, selectedPods, selectorText, type ServiceObject } from './services';
import { GraphBuilder, POD_HEIGHT, type TopoNode, type TopoTone, type Topology } from './topologyGraph';
import { layout } from './topologyLayout';

export type { TopoEdge, TopoNode, TopoTone, Topology } from './topologyGraph';
export { NODE_WIDTH } from './topologyGraph';

/** Ingress | Service | Pods | ReplicaSet, StatefulSet, DaemonSet, Job | Deployment, CronJob */
const COLUMN_OF: Record<string, number> = { Ingress: 0, Service: 1, Pod: 2, ReplicaSet: 3, StatefulSet: 3, DaemonSet: 3, Job: 3, Deployment: 4, CronJob: 4 };
/** A controller with more pods than this shows them as one group node. */
export const POD_GROUP_THRESHOLD = 6;

const CATEGORY_SEVERITY: PodCategory[] = ['failing', 'unknown', 'notReady', 'pending', 'creating', 'terminating', 'ready', 'succeeded'];

function worst(categories: PodCategory[]): PodCategory {
  for (const category of CATEGORY_SEVERITY) if (categories.includes(category)) return category;
  return 'ready';
}

function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const owners = (obj.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
  return owners.find((o) => o.controller) ?? owners[0];
}

function toneOfPods(pods: PodSummary[]): TopoTone {
  const category = worst(pods.map((p) => p.category));
  return category === 'ready' || category === 'succeeded'
    ? 'ok'
    : category === 'failing' || category === 'unknown'
      ? 'error'
      : category === 'terminating'
        ? 'muted'
        : 'warn';
}

const byName = (a: KubeObject, b: KubeObject): number => naturalCompare(a.metadata.name, b.metadata.name);

const objectId = (obj: KubeObject): string => keyOf(obj);

/** Builds and lays out the graph for one namespace, or all when `namespace` is undefined. */
export function buildTopology(model: ClusterModel, namespace?: string): Topology {
  const g = new GraphBuilder();
  const now = model.now();
  const inScope = (obj: KubeObject): boolean => namespace === undefined || obj.metadata.namespace === namespace;

  // Controllers (columns 3 and 4) and the pods they own.
  const podsByOwner = new Map<string, { owner?: KubeObject; pods: PodSummary[] }>();
  const podNodeOf = new Map<string, string>();
  for (const pod of model.list('Pod', namespace)) {
    const ref = controllerOf(pod);
    const owner = ref ? model.byUidOf(ref.uid) : undefined;
    const groupKey = owner ? objectId(owner) : `standalone/${pod.metadata.namespace ?? ''}`;
    const entry = podsByOwner.get(groupKey) ?? { owner, pods: [] };
    entry.pods.push(summarizePod(pod, now));
    podsByOwner.set(groupKey, entry);
  }
  const controllerNode = (obj: KubeObject): TopoNode => {
    const column = COLUMN_OF[obj.kind] ?? 3;
    return g.node({
      id: objectId(obj),
      kind: obj.kind,
      ref: refOf(obj),
      label: obj.metadata.name,
      detail: controllerDetail(obj),
      column,
      tone: controllerTone(obj),
    });
  };
  for (const kind of ['Deployment', 'CronJob', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']) {
    for (const obj of model.list(kind, namespace).sort(byName)) {
      const owned = podsByOwner.has(objectId(obj));
      if (kind === 'ReplicaSet' && !owned && desiredReplicas(obj) === 0) continue;
      controllerNode(obj);
      const ownerRef = controllerOf(obj);
      const owner = ownerRef ? model.byUidOf(ownerRef.uid) : undefined;
      if (owner && COLUMN_OF[owner.kind] === 4 && inScope(owner)) {
        controllerNode(owner);
        g.child(objectId(owner), objectId(obj));
        g.edge(objectId(owner), objectId(obj), { title: `${owner.kind} ${owner.metadata.name} owns ${kind} ${obj.metadata.name}` });
      }
    }
  }
  for (const [groupKey, { owner, pods }] of podsByOwner) {
    pods.sort((a, b) => naturalCompare(a.name, b.name));
    const ids: string[] = [];
    if (pods.length > POD_GROUP_THRESHOLD) {
      const id = `pods:${groupKey}`;
      const ready = pods.filter((p) => p.ready).length;
      g.node({
        id,
        kind: 'PodGroup',
        ...(owner ? { ref: refOf(owner) } : {}),
        label: `${pods.length} pods`,
        detail: `${ready} ready`,
        column: 2,
        tone: toneOfPods(pods),
        category: worst(pods.map((p) => p.category)),
      });
      for (const pod of pods) podNodeOf.set(pod.key, id);
      ids.push(id);
    } else {
      for (const pod of pods) {
        g.node({
          id: pod.key,
          kind: 'Pod',
          ref: { kind: 'Pod', namespace: pod.namespace, name: pod.name },
          label: pod.name,
          detail: `${pod.status} · ${pod.readyText}`,
          column: 2,
          tone: toneOfPods([pod]),
          category: pod.category,
          height: POD_HEIGHT,
        });
        podNodeOf.set(pod.key, pod.key);
        ids.push(pod.key);
      }
    }
    if (owner && g.nodes.has(objectId(owner))) {
      for (const id of ids) {
        g.child(objectId(owner), id);
        g.edge(objectId(owner), id, { title: `${owner.kind} ${owner.metadata.name} owns ${id.startsWith('pods:') ? 'these pods' : 'this pod'}` });
      }
    }
  }

  // Services (column 1) and what they select.
  const servicePods = new Map<string, string[]>();
  for (const service of model.list<ServiceObject>('Service', namespace).sort(byName)) {
    if (isApiServerService(service)) continue;
    const id = objectId(service);
    const pods = selectedPods(model, service).map((p) => summarizePod(p, now));
    const selects = hasSelector(service);
    const tone: TopoTone | undefined = selects ? (pods.length === 0 ? 'warn' : toneOfPods(pods) === 'ok' ? 'ok' : 'warn') : undefined;
    const ready = pods.filter((p) => p.ready).length;
    g.node({
      id,
      kind: 'Service',
      ref: refOf(service),
      label: service.metadata.name,
      detail: selects ? `${ready}/${pods.length} ready endpoints` : 'no selector',
      column: 1,
      ...(tone ? { tone } : {}),
    });
    const targets: string[] = [];
    if (selects && pods.length === 0) {
      const placeholder = `nopods:${id}`;
      g.node({
        id: placeholder,
        kind: 'NoPods',
        label: 'no pods match',
        detail: selectorText(service.spec.selector),
        column: 2,
        tone: 'warn',
        placeholder: true,
        height: POD_HEIGHT,
      });
      g.edge(id, placeholder, { broken: true, title: `Service ${service.metadata.name} selects no pods (${selectorText(service.spec.selector)})` });
      targets.push(placeholder);
    }
    const byNode = new Map<string, PodSummary[]>();
    for (const pod of pods) {
      const node = podNodeOf.get(pod.key);
      if (!node) continue;
      const list = byNode.get(node);
      if (list) list.push(pod);
      else byNode.set(node, [pod]);
    }
    for (const [node, selected] of byNode) {
      const readyCount = selected.filter((p) => p.ready).length;
      g.edge(id, node, {
        faint: readyCount === 0,
        title: `Service ${service.metadata.name} → ${selected.length} pod${selected.length === 1 ? '' : 's'} (${readyCount} ready)`,
      });
      targets.push(node);
    }
    servicePods.set(id, targets);
  }

  // Ingresses (column 0) and their backends.
  for (const route of ingressRoutes(model, namespace)) {
    const ingressObj = model.get('Ingress', route.namespace, route.ingress);
    if (!ingressObj) continue;
    const ingressId = objectId(ingressObj);
    g.node({ id: ingressId, kind: 'Ingress', ref: refOf(ingressObj), label: route.ingress, detail: hostsOf(model, route.namespace, route.ingress), column: 0 });
    if (!route.service) continue;
    let target = `Service/${route.namespace}/${route.service}`;
    if (!route.serviceExists) {
      target = `missing:${target}`;
      g.node({ id: target, kind: 'Service', label: route.service, detail: 'Service not found', column: 1, tone: 'error', placeholder: true });
    }
    if (!g.nodes.has(target)) continue;
    const broken = !route.serviceExists || !route.portExists;
    g.edge(ingressId, target, {
      broken,
      title: `${route.host}${route.path} → ${route.service}:${route.port ?? ''}${route.problem ? ` (${route.problem})` : ''}`,
    });
    g.child(ingressId, target);
  }
  for (const node of g.nodes.values()) {
    if (node.kind !== 'Ingress') continue;
    const tone = ingressTone(g, node.id);
    if (tone) node.tone = tone;
  }

  return layout(g, servicePods);
}

function isApiServerService(service: ServiceObject): boolean {
  const labels = service.metadata.labels as Record<string, string> | undefined;
  return service.metadata.name === 'kubernetes' && labels?.component === 'apiserver';
}

function hostsOf(model: ClusterModel, namespace: string, name: string): string {
  const routes = ingressRoutes(model, namespace).filter((r) => r.ingress === name);
  const hosts = [...new Set(routes.map((r) => r.host))];
  return hosts.join(', ') || '*';
}

function ingressTone(g: GraphBuilder, id: string): TopoTone | undefined {
  const edges = [...g.edges.values()].filter((e) => e.from === id);
  if (edges.some((e) => e.broken)) return 'error';
  return edges.length > 0 ? 'ok' : undefined;
}

function desiredReplicas(obj: KubeObject): number {
  return Number((obj.spec as { replicas?: number } | undefined)?.replicas ?? 0);
}

function controllerDetail(obj: KubeObject): string {
  const status = (obj.status ?? {}) as Record<string, number | undefined>;
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
      return `${status.readyReplicas ?? 0}/${spec.replicas ?? 1} ready`;
    case 'ReplicaSet': {
      const revision = (obj.metadata.annotations as Record<string, string> | undefined)?.['deployment.kubernetes.io/revision'];
      return `${revision ? `rev ${revision} · ` : ''}${status.readyReplicas ?? 0}/${spec.replicas ?? 0} ready`;
    }
    case 'DaemonSet':
      return `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0} ready`;
    case 'Job':
      return `${status.succeeded ?? 0}/${spec.completions ?? 1} complete`;
    case 'CronJob':
      return String(spec.schedule ?? '');
    default:
      return '';
  }
}

function controllerTone(obj: KubeObject): TopoTone | undefined {
  const status = (obj.status ?? {}) as Record<string, number | undefined>;
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet' || obj.kind === 'ReplicaSet') {
    const desired = Number(spec.replicas ?? (obj.kind === 'ReplicaSet' ? 0 : 1));
    if (desired === 0) return 'muted';
    return (status.readyReplicas ?? 0) >= desired ? 'ok' : 'warn';
  }
  return undefined;
}
