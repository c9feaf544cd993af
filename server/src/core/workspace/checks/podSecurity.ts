/**
 * pod-security: Pods and workload pod templates judged by the Pod Security level of their namespace,
 * as the admission plugin will. The namespace's `pod-security.kubernetes.io/*` labels come from the
 * workspace; namespaces without labels (or not in the workspace) get `shipshape.podSecurity.defaultLevel`.
 * A Pod under enforce is an error; a workload template is a warning (the workload is admitted, its
 * pods will not be); warn and audit modes give warnings and information with kubectl's wording.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import {
  defaultPolicy,
  evaluatePodSecurity,
  namespacePolicy,
  violatesMessage,
  wouldViolateMessage,
  type NamespacePolicy,
  type PodSecurityMode,
} from '../../policy/podSecurity';
import { restrictedContainerFix } from '../../policy/podSecurity/fix';
import { podTemplatePath } from '../../rules/util/podSpecs';
import type { Severity } from '../../types';
import { objectKey } from '../dependencyKeys';
import type { IndexedResource, ObjectDefinition } from '../model';
import { diagnostic, relatedTo, type CrossCheckContext } from './context';

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob']);

/** The pod object (`{metadata, spec}`) a resource creates and its JSON path; undefined for kinds that create none. */
function podObject(entry: IndexedResource): { path: JsonPath; pod: Record<string, unknown>; template: boolean } | undefined {
  const { resource } = entry;
  if (resource.kind === 'Pod' && resource.group === '') return { path: [], pod: resource.object, template: false };
  if (!WORKLOAD_KINDS.has(resource.kind)) return undefined;
  const path = podTemplatePath(resource);
  let node: unknown = resource.object;
  for (const step of path ?? []) node = isRecord(node) ? node[step] : undefined;
  return path && isRecord(node) ? { path, pod: node, template: true } : undefined;
}

function namespaceDefinition(ctx: CrossCheckContext, namespace: string): ObjectDefinition | undefined {
  ctx.use(objectKey('Namespace', '', namespace));
  return ctx.queries.definitionsNamed('Namespace', '', namespace).find((d) => d.origin === 'manifest' && d.source);
}

const MODE_SEVERITY: Record<Exclude<PodSecurityMode, 'enforce'>, Severity> = { warn: 'warning', audit: 'information' };

export function checkPodSecurity(entry: IndexedResource, ctx: CrossCheckContext): void {
  if (!ctx.enabled('pod-security')) return;
  const target = podObject(entry);
  if (!target) return;
  const reported = new Set<string>();
  for (const namespace of new Set(entry.placements.map((p) => p.namespace))) {
    const def = namespaceDefinition(ctx, namespace);
    const defaults = defaultPolicy(ctx.settings.podSecurityDefaultLevel);
    const labels = def?.source?.resource.object.metadata;
    const policy: NamespacePolicy = def ? namespacePolicy(isRecord(labels) ? labels.labels : undefined, defaults) : defaults;
    const related = def ? relatedTo(def, `Namespace '${namespace}' sets the Pod Security level`) : [];
    for (const mode of ['enforce', 'warn', 'audit'] as const) {
      const lv = policy[mode];
      for (const v of evaluatePodSecurity(target.pod, lv, ctx.kubernetesVersion)) {
        if (reported.has(v.control)) continue;
        reported.add(v.control);
        const message = mode === 'enforce' ? violatesMessage(lv, [v]) : wouldViolateMessage(lv, [v]);
        const severity: Severity = mode === 'enforce' ? (target.template ? 'warning' : 'error') : MODE_SEVERITY[mode];
        const fix = restrictedContainerFix(target.path, v.fixableContainers ?? []);
        const seen = new Set<string>();
        for (const field of v.fields) {
          const key = field.join('\u0000');
          if (seen.has(key)) continue;
          seen.add(key);
          const d = diagnostic(entry.resource, 'pod-security', [...target.path, ...field], message, { related, data: fix ? { fix } : undefined });
          ctx.report({ ...d, severity });
        }
      }
    }
  }
}
