/**
 * service-no-match: a Service whose selector matches no Pod or pod template in its namespace gets
 * no endpoints, so traffic to it goes nowhere. The message names the closest template: the one
 * sharing most selector entries, or with a near-identical value (a typo) under the same key.
 * service-port-mismatch: a Service targetPort that the selected pods do not declare. Named
 * targetPorts only resolve through declared container ports; numbers are forwarded whether declared
 * or not, so a number is flagged only when every selected pod declares ports and none is that number.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { RelatedLocation } from '../../types';
import { resourceRange } from '../../model/resource';
import type { IndexedResource, ObjectDefinition, Placement, PodTemplate } from '../model';
import { formatLabels, labelsAt, matchingEntries, templateMatches, valueAt } from '../podTemplates';
import { serviceSelector } from '../serviceSelector';
import { anyValueLabelKey, objectKey, templateKey } from '../dependencyKeys';
import { buildsCompatible, diagnostic, relatedTo, type CrossCheckContext, type WorkspaceQueries } from './context';
import { closest, named, namespacesText } from './describe';


/** Selectable templates matching the selector in one namespace, visible from the given build. */
function selectedIn(queries: WorkspaceQueries, namespace: string, build: string | undefined, selector: Record<string, string>): PodTemplate[] {
  const [first] = Object.entries(selector);
  const out: PodTemplate[] = [];
  for (const t of queries.templatesIn(namespace, first)) {
    if (!t.selectable || !templateMatches(selector, t)) continue;
    if (t.owner.placements.some((p) => p.namespace === namespace && buildsCompatible(build, p.build))) out.push(t);
  }
  return out;
}

/** The pod templates a Service selects, over all its placements. */
export function selectedTemplates(queries: WorkspaceQueries, entry: IndexedResource): PodTemplate[] {
  const selector = serviceSelector(entry);
  if (!selector) return [];
  const out = new Set<PodTemplate>();
  for (const p of entry.placements) for (const t of selectedIn(queries, p.namespace, p.build, selector)) out.add(t);
  return [...out];
}

function templateLabel(t: PodTemplate): string {
  return named(t.owner.resource.kind, t.owner.resource.name ?? '(unnamed)');
}

function templateRelated(t: PodTemplate, message: string, path: JsonPath = t.labelsPath): RelatedLocation {
  return { uri: t.owner.resource.uri, range: resourceRange(t.owner.resource, path, 'key'), message };
}

/** Where kinds without a pod spec would keep their pod labels: [labels path, spec path]. */
const TEMPLATE_PATHS: Record<string, [JsonPath, JsonPath]> = {
  Pod: [['metadata', 'labels'], ['spec']],
  CronJob: [
    ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
    ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  ],
  ...Object.fromEntries(
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].map((k) => [k, [['spec', 'template', 'metadata', 'labels'], ['spec', 'template', 'spec']]]),
  ),
};

/** A workload whose template has the selector's labels but no pod spec: it creates no pods. */
function speclessMatch(ctx: CrossCheckContext, namespaces: readonly string[], selector: Record<string, string>): { def: ObjectDefinition; kind: string } | undefined {
  for (const ns of new Set(namespaces)) {
    for (const [kind, [labelsPath, specPath]] of Object.entries(TEMPLATE_PATHS)) {
      for (const def of ctx.queries.definitionsOfKind(kind, ns)) {
        const object = def.origin === 'manifest' ? def.source?.resource.object : undefined;
        if (!object || isRecord(valueAt(object, specPath))) continue;
        const labels = labelsAt(object, labelsPath);
        if (Object.entries(selector).every(([k, v]) => labels[k] === v)) return { def, kind };
      }
    }
  }
  return undefined;
}

function checkNoMatch(entry: IndexedResource, selector: Record<string, string>, failing: Placement[], ctx: CrossCheckContext): void {
  const namespaces = failing.map((p) => p.namespace);
  const specless = speclessMatch(ctx, namespaces, selector);
  if (specless) {
    const owner = named(specless.kind, specless.def.name);
    for (const ns of new Set(namespaces)) ctx.use(objectKey(specless.kind, ns, specless.def.name));
    const where = specless.kind === 'Pod' ? 'it has no spec' : 'its pod template has no spec';
    const message = `Service '${entry.resource.name ?? ''}' selects no pods: ${owner} has the labels ${formatLabels(selector)}, but ${where}, so it creates no pods.`;
    ctx.report(diagnostic(entry.resource, 'service-no-match', ['spec', 'selector'], message, { target: 'key', related: relatedTo(specless.def, `${owner} has no pod spec`) }));
    return;
  }
  const candidates = new Map<PodTemplate, number>();
  for (const ns of new Set(namespaces)) {
    for (const key of Object.keys(selector)) ctx.use(anyValueLabelKey(ns, key));
    for (const t of ctx.queries.templatesIn(ns)) {
      const similar = Object.entries(selector).filter(([k, v]) => k in t.labels && t.labels[k] !== v && closest(v, [t.labels[k]]) !== undefined).length;
      const score = t.selectable ? 2 * matchingEntries(selector, t) + similar : 0;
      if (score > 0) candidates.set(t, score);
    }
  }
  const ranked = [...candidates.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t).slice(0, 3);
  for (const t of ranked) ctx.use(templateKey(t));
  let message = `Service '${entry.resource.name ?? ''}' selects no pods: no Pod or pod template in ${namespacesText(namespaces)} has the labels ${formatLabels(selector)}.`;
  if (ranked.length > 0) message += ` Closest: ${templateLabel(ranked[0])} with ${formatLabels(ranked[0].labels)}.`;
  ctx.report(
    diagnostic(entry.resource, 'service-no-match', ['spec', 'selector'], message, {
      target: 'key',
      related: ranked.map((t) => templateRelated(t, `${templateLabel(t)} has labels ${formatLabels(t.labels)}`)),
    }),
  );
}

function portsText(t: PodTemplate): string {
  if (t.ports.length === 0) return 'no ports';
  return t.ports.map((p) => `${p.containerPort}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}${p.name ? ` '${p.name}'` : ''}`).join(', ');
}

function checkPorts(entry: IndexedResource, selected: PodTemplate[], ctx: CrossCheckContext): void {
  const ports = isRecord(entry.resource.object.spec) ? entry.resource.object.spec.ports : undefined;
  if (!Array.isArray(ports) || selected.length === 0) return;
  const related = (message: (t: PodTemplate) => string) =>
    selected.slice(0, 3).map((t) => templateRelated(t, message(t), t.ports.length > 0 ? t.ports[0].path.slice(0, -1) : [...t.specPath, 'containers']));
  const summary = selected.slice(0, 3).map((t) => `${templateLabel(t)}: ${portsText(t)}`).join('; ');
  ports.forEach((port, i) => {
    if (!isRecord(port)) return;
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    const explicit = port.targetPort !== undefined && port.targetPort !== null;
    const target = explicit ? port.targetPort : port.port;
    const path: JsonPath = ['spec', 'ports', i, explicit ? 'targetPort' : 'port'];
    if (typeof target === 'string' && target !== '' && !/^\d+$/.test(target)) {
      const resolved = selected.some((t) => t.ports.some((p) => p.name === target && p.protocol === protocol));
      if (resolved) return;
      const otherProtocol = selected.some((t) => t.ports.some((p) => p.name === target));
      const why = otherProtocol ? `is declared by the selected pods only with another protocol than ${protocol}` : 'is not the name of any container port of the selected pods';
      ctx.report(
        diagnostic(entry.resource, 'service-port-mismatch', path, `targetPort '${target}' ${why}, so the Service has no endpoints for this port (${summary}).`, {
          related: related((t) => `${templateLabel(t)} declares ${portsText(t)}`),
        }),
      );
    } else if (typeof target === 'number') {
      if (!selected.every((t) => t.ports.length > 0)) return;
      if (selected.some((t) => t.ports.some((p) => p.containerPort === target))) return;
      const word = explicit ? 'targetPort' : `targetPort (defaulting to port)`;
      ctx.report(
        diagnostic(entry.resource, 'service-port-mismatch', path, `${word} ${target} is not a container port of the selected pods (${summary}).`, {
          related: related((t) => `${templateLabel(t)} declares ${portsText(t)}`),
        }),
      );
    }
  });
}

export function checkService(entry: IndexedResource, ctx: CrossCheckContext): void {
  const selector = serviceSelector(entry);
  if (!selector) return;
  const selected = new Set<PodTemplate>();
  const failing: Placement[] = [];
  for (const p of entry.placements) {
    const found = selectedIn(ctx.queries, p.namespace, p.build, selector);
    if (found.length === 0) failing.push(p);
    for (const t of found) selected.add(t);
  }
  // The diagnostics depend on the selected templates' ports and locations.
  for (const t of selected) ctx.use(templateKey(t));
  if (failing.length > 0) {
    if (ctx.enabled('service-no-match')) checkNoMatch(entry, selector, failing, ctx);
    return;
  }
  if (ctx.enabled('service-port-mismatch')) checkPorts(entry, [...selected], ctx);
}
