/**
 * Where pod specs live in each kind, the labels the resulting pods carry (written and added by the
 * controller), and the container ports they declare.
 */
import type { JsonPath } from '../model/locate';
import { isRecord } from '../model/resource';
import type { DeclaredPort, ImplicitLabelTest, IndexedResource, PodTemplate } from './model';
import { isBuiltinGroup } from './rbac/apiResources';

interface PodSpecSite {
  specPath: JsonPath;
  labelsPath: JsonPath;
  selectable: boolean;
}

const TEMPLATE: PodSpecSite = { specPath: ['spec', 'template', 'spec'], labelsPath: ['spec', 'template', 'metadata', 'labels'], selectable: true };

const BUILTIN_SITES: Record<string, PodSpecSite> = {
  Pod: { specPath: ['spec'], labelsPath: ['metadata', 'labels'], selectable: true },
  Deployment: TEMPLATE,
  ReplicaSet: TEMPLATE,
  StatefulSet: TEMPLATE,
  DaemonSet: TEMPLATE,
  Job: TEMPLATE,
  ReplicationController: TEMPLATE,
  CronJob: {
    specPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labelsPath: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
    selectable: true,
  },
  PodTemplate: { specPath: ['template', 'spec'], labelsPath: ['template', 'metadata', 'labels'], selectable: false },
};

export function valueAt(object: unknown, path: JsonPath): unknown {
  let node = object;
  for (const step of path) {
    if (typeof step === 'number') node = Array.isArray(node) ? node[step] : undefined;
    else node = isRecord(node) ? node[step] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * The pod spec site of a resource. Custom workloads (Argo Rollouts, OpenKruise…) that embed a pod
 * template at spec.template are recognised by shape, so Services selecting their pods are not flagged.
 */
export function podSpecSite(resource: IndexedResource): PodSpecSite | undefined {
  const { group, kind, object } = resource.resource;
  const builtin = isBuiltinGroup(group) ? BUILTIN_SITES[kind] : undefined;
  if (builtin) return isRecord(valueAt(object, builtin.specPath)) ? builtin : undefined;
  if (!isBuiltinGroup(group) && Array.isArray(valueAt(object, [...TEMPLATE.specPath, 'containers']))) return TEMPLATE;
  return undefined;
}

function labelsAt(object: unknown, path: JsonPath): Record<string, string> {
  const raw = valueAt(object, path);
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

const ANY: ImplicitLabelTest = () => true;
const DIGITS: ImplicitLabelTest = (v) => /^\d+$/.test(v);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Labels controllers add to the pods they create (kubernetes pkg/controller/*). */
function implicitLabels(kind: string, name: string | undefined): Map<string, ImplicitLabelTest> {
  const m = new Map<string, ImplicitLabelTest>();
  const named = (pattern: string): ImplicitLabelTest => {
    const re = new RegExp(`^${pattern}$`);
    return (v) => re.test(v);
  };
  switch (kind) {
    case 'Deployment':
      m.set('pod-template-hash', ANY);
      break;
    case 'StatefulSet':
      m.set('statefulset.kubernetes.io/pod-name', name ? named(`${escapeRegExp(name)}-\\d+`) : ANY);
      m.set('apps.kubernetes.io/pod-index', DIGITS);
      m.set('controller-revision-hash', ANY);
      break;
    case 'DaemonSet':
      m.set('controller-revision-hash', ANY);
      m.set('pod-template-generation', DIGITS);
      break;
    case 'Job':
    case 'CronJob': {
      const jobName = name ? named(kind === 'Job' ? escapeRegExp(name) : `${escapeRegExp(name)}-\\d+`) : ANY;
      m.set('job-name', jobName);
      m.set('batch.kubernetes.io/job-name', jobName);
      m.set('controller-uid', ANY);
      m.set('batch.kubernetes.io/controller-uid', ANY);
      m.set('batch.kubernetes.io/job-completion-index', DIGITS);
      break;
    }
  }
  return m;
}

/** Keys of all labels any controller adds, for dependency tracking. */
export const IMPLICIT_LABEL_KEYS: ReadonlySet<string> = new Set(
  ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].flatMap((k) => [...implicitLabels(k, 'x').keys()]),
);

function declaredPorts(spec: Record<string, unknown>, specPath: JsonPath): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  const lists: [string, (c: Record<string, unknown>) => boolean][] = [
    ['containers', () => true],
    // sidecars (restartable init containers) serve traffic like regular containers
    ['initContainers', (c) => c.restartPolicy === 'Always'],
  ];
  for (const [field, include] of lists) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, ci) => {
      if (!isRecord(c) || !include(c) || !Array.isArray(c.ports)) return;
      c.ports.forEach((p, pi) => {
        if (!isRecord(p) || typeof p.containerPort !== 'number') return;
        out.push({
          containerName: typeof c.name === 'string' ? c.name : `#${ci}`,
          containerPort: p.containerPort,
          name: typeof p.name === 'string' ? p.name : undefined,
          protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
          path: [...specPath, field, ci, 'ports', pi],
        });
      });
    });
  }
  return out;
}

/** The pod template of a resource, if it has one. */
export function podTemplateOf(resource: IndexedResource): PodTemplate | undefined {
  const site = podSpecSite(resource);
  if (!site) return undefined;
  const object = resource.resource.object;
  const spec = valueAt(object, site.specPath) as Record<string, unknown>;
  return {
    owner: resource,
    specPath: site.specPath,
    labelsPath: site.labelsPath,
    labels: labelsAt(object, site.labelsPath),
    implicitLabels: implicitLabels(resource.resource.kind, resource.resource.name),
    ports: declaredPorts(spec, site.specPath),
    selectable: site.selectable,
  };
}

/** True when every selector entry is a label the template's pods carry. */
export function templateMatches(selector: Readonly<Record<string, string>>, template: PodTemplate): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (template.labels[key] === value) continue;
    const implicit = template.implicitLabels.get(key);
    if (implicit && implicit(value)) continue;
    return false;
  }
  return true;
}

/** How many selector entries the template satisfies (for "closest candidate" hints). */
export function matchingEntries(selector: Readonly<Record<string, string>>, template: PodTemplate): number {
  let n = 0;
  for (const [key, value] of Object.entries(selector)) if (template.labels[key] === value || template.implicitLabels.get(key)?.(value)) n++;
  return n;
}

/** A label map as `k=v, k2=v2`. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '(no labels)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

export { labelsAt };
