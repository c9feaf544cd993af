/**
 * Hover: the field's documentation (type, required, default, allowed values, description, link to
 * the API reference of the kind and version); on a reference, what it points at; on a Service
 * selector, the workloads it selects; on pod template labels, the Services selecting them.
 */
import type { Position } from '../../types';
import { labelsAt } from '../../workspace/podTemplates';
import type { FieldInfo } from '../ports';
import { describeDefinition, describeTemplate, quoted, fileName } from '../references/describe';
import { entryFor, referenceAt, servicesSelecting, targetsOf, templatesSelectedBy } from '../references/resolve';
import { documentInfo, type DocumentInfo, type FeatureRequest } from '../request';
import type { HoverResult } from '../types';
import { pointAt, type PointTarget } from '../yaml/pointAt';
import { typeLabel } from '../completion/scope';
import { isRecord } from '../../model/resource';

export function hover(req: FeatureRequest, position: Position): HoverResult | undefined {
  const point = pointAt(req.file, position);
  if (!point) return undefined;
  const info = documentInfo(req, point.lines);
  const sections: string[] = [];
  const root = point.path.length === 1 && (point.path[0] === 'kind' || point.path[0] === 'apiVersion');
  const docs = root ? kindSection(req, info) : fieldSection(req, info, point);
  if (docs) sections.push(docs);
  sections.push(...referenceSections(req, info, point), ...selectorSections(req, info, point));
  return sections.length > 0 ? { contents: sections.join('\n\n---\n\n'), range: point.range } : undefined;
}

function apiLink(req: FeatureRequest, info: DocumentInfo): string | undefined {
  if (!info.apiVersion || !info.kind) return undefined;
  const url = req.env.schema.referenceUrl(req.env.kubernetesVersion, info.apiVersion, info.kind);
  return url ? `[${info.kind} ${info.apiVersion} API reference (Kubernetes ${req.env.kubernetesVersion})](${url})` : undefined;
}

function kindSection(req: FeatureRequest, info: DocumentInfo): string | undefined {
  if (!info.kind) return undefined;
  const served = req.env.schema.kinds(req.env.kubernetesVersion).filter((k) => k.kind === info.kind);
  const exact = served.find((k) => k.apiVersion === info.apiVersion);
  const lines = [`**${info.kind}**${info.apiVersion ? ` \`${info.apiVersion}\`` : ''}${exact?.deprecated ? ' — deprecated' : ''}`];
  if (!exact && served.length > 0) lines.push(`Served by Kubernetes ${req.env.kubernetesVersion} as ${served.map((k) => quoted(k.apiVersion)).join(', ')}.`);
  const description = exact?.description ?? served[0]?.description;
  if (description) lines.push(description);
  const link = exact ? apiLink(req, info) : undefined;
  if (link) lines.push(link);
  return lines.join('\n\n');
}

function fieldSection(req: FeatureRequest, info: DocumentInfo, point: PointTarget): string | undefined {
  if (!info.apiVersion || !info.kind) return undefined;
  const { schema, kubernetesVersion } = req.env;
  const field = schema.field(kubernetesVersion, info.apiVersion, info.kind, point.path);
  if (!field) return undefined;
  let documented: FieldInfo = field;
  let title = `**${field.name}**`;
  if (!field.description && point.path.length > 1) {
    // A map entry (a label, a ConfigMap key): the map's documentation.
    const parent = schema.field(kubernetesVersion, info.apiVersion, info.kind, point.path.slice(0, -1));
    if (parent?.type === 'map') {
      documented = parent;
      title = `**${field.name}** — entry of \`${parent.name}\``;
    }
  }
  const head = [title, `\`${typeLabel(field)}\``];
  if (field.required) head.push('required');
  const lines = [head.join(' · ')];
  if (documented.description) lines.push(documented.description);
  const facts: string[] = [];
  if (field.default !== undefined) facts.push(`Default: \`${String(field.default)}\``);
  if (field.enum && field.enum.length > 0) facts.push(`Allowed values: ${field.enum.map(quoted).join(', ')}`);
  if (facts.length > 0) lines.push(facts.join('  \n'));
  const link = apiLink(req, info);
  if (link) lines.push(link);
  return lines.join('\n\n');
}

function referenceSections(req: FeatureRequest, info: DocumentInfo, point: PointTarget): string[] {
  if (!info.resource) return [];
  const found = referenceAt(req, info.resource, point.path);
  if (!found) return [];
  const { reference, role } = found;
  const targets = targetsOf(req, reference);
  const where = reference.targetNamespace ? ` in namespace ${quoted(reference.targetNamespace)}` : '';
  if (targets.length === 0) return [`⚠ ${reference.targetKind} ${quoted(reference.targetName)} is not defined${where} in this workspace.`];
  if (role === 'name') return [`→ ${targets.map(describeDefinition).join('\n\n→ ')}`];
  if (role === 'key') {
    const key = reference.key as string;
    return targets.map((d) => {
      if (!d.keys) return `Key ${quoted(key)} of ${d.kind} ${quoted(d.name)} (its keys are not known from the workspace)`;
      if (!d.keys.has(key)) return `⚠ ${d.kind} ${quoted(d.name)} has no key ${quoted(key)}; its keys: ${[...d.keys].sort().map(quoted).join(', ') || 'none'}`;
      const object = d.source?.resource.object;
      const data = object && isRecord(object.data) ? object.data[key] : undefined;
      const preview = d.kind === 'ConfigMap' && typeof data === 'string' ? `: ${quoted(data.length > 80 ? `${data.slice(0, 77)}...` : data)}` : '';
      return `Key ${quoted(key)} of ${d.kind} ${quoted(d.name)} in ${quoted(fileName(d.uri))}${preview}`;
    });
  }
  return [`Port ${quoted(String(reference.port))} of ${targets.map(describeDefinition).join('\n\n')}`];
}

function selectorSections(req: FeatureRequest, info: DocumentInfo, point: PointTarget): string[] {
  const resource = info.resource;
  if (!resource) return [];
  const path = point.path;
  if (resource.kind === 'Service' && path[0] === 'spec' && path[1] === 'selector') {
    const entry = entryFor(req, resource);
    const templates = templatesSelectedBy(req, entry);
    if (Object.keys(labelsAt(resource.object, ['spec', 'selector'])).length === 0) return [];
    if (templates.length === 0) return [`⚠ This selector matches no pods in namespace ${quoted(entry.namespace)}.`];
    return [`Selects:\n\n${templates.map((t) => `- ${describeTemplate(t)}`).join('\n')}`];
  }
  const labelsPath = ['spec', 'template', 'metadata', 'labels'];
  const onTemplateLabels = path.length >= labelsPath.length && labelsPath.every((s, i) => path[i] === s);
  const onPodLabels = resource.kind === 'Pod' && path[0] === 'metadata' && path[1] === 'labels';
  if (!onTemplateLabels && !onPodLabels) return [];
  const services = servicesSelecting(req, entryFor(req, resource));
  if (services.length === 0) return [];
  return [`Selected by ${services.map((s) => `Service ${quoted(s.resource.name ?? '')} in ${quoted(fileName(s.resource.uri))}`).join(', ')}`];
}
