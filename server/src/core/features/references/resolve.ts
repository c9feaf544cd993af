/**
 * Resolving what a document refers to and what refers to it, with the workspace index's rules:
 * by-name references (workspace/references.ts) and Service selectors (workspace/podTemplates.ts).
 */
import type { JsonPath } from '../../model/locate';
import type { Resource } from '../../model/resource';
import { serviceSelector } from '../../workspace/serviceSelector';
import type { IndexedResource, ObjectDefinition, PodTemplate, Reference } from '../../workspace/model';
import { podTemplateOf, templateMatches } from '../../workspace/podTemplates';
import { referencesOf } from '../../workspace/references';
import { indexedResource } from '../adapters/fileScanLookup';
import type { FeatureRequest } from '../request';
import { referenceAtPath, type ClassifiedReference } from './classify';

/** The workspace entry of a resource of the request's file. */
export function entryFor(req: FeatureRequest, resource: Resource): IndexedResource {
  return req.env.workspace.entryOf(resource) ?? indexedResource(resource, req.role);
}

/** The reference whose name, key or port is at `path` of the resource. */
export function referenceAt(req: FeatureRequest, resource: Resource, path: JsonPath): ClassifiedReference | undefined {
  return referenceAtPath(entryFor(req, resource), path);
}

/** The objects a reference resolves to (several when the same object is defined more than once). */
export function targetsOf(req: FeatureRequest, ref: Reference): ObjectDefinition[] {
  return req.env.workspace
    .definitionsNamed(ref.targetKind, ref.targetNamespace, ref.targetName)
    .filter((d) => ref.targetGroup === undefined || d.group === ref.targetGroup);
}

/** The pod templates a Service selects in its namespace. */
export function templatesSelectedBy(req: FeatureRequest, service: IndexedResource): PodTemplate[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  return [...req.env.workspace.templatesIn(service.namespace)].filter((t) => t.selectable && templateMatches(selector, t));
}

/** The Services whose selector matches the pod template of `workload`. */
export function servicesSelecting(req: FeatureRequest, workload: IndexedResource): IndexedResource[] {
  const template = podTemplateOf(workload);
  if (!template || !template.selectable) return [];
  const out: IndexedResource[] = [];
  for (const entry of req.env.workspace.resources()) {
    if (entry.resource.kind !== 'Service' || entry.namespace !== workload.namespace) continue;
    const selector = serviceSelector(entry);
    if (selector && templateMatches(selector, template)) out.push(entry);
  }
  return out;
}

/** Every reference in the workspace to the object `kind`/`namespace`/`name`, with its referrer. */
export function referencesTo(req: FeatureRequest, kind: string, namespace: string, name: string): { referrer: IndexedResource; reference: Reference }[] {
  const out: { referrer: IndexedResource; reference: Reference }[] = [];
  for (const entry of req.env.workspace.resources()) {
    for (const reference of referencesOfCached(entry)) {
      if (reference.targetKind === kind && reference.targetName === name && reference.targetNamespace === namespace) out.push({ referrer: entry, reference });
    }
  }
  return out;
}

const cache = new WeakMap<IndexedResource, Reference[]>();

/** referencesOf, kept per workspace entry (entries are replaced when their file changes). */
function referencesOfCached(entry: IndexedResource): Reference[] {
  let refs = cache.get(entry);
  if (!refs) {
    refs = referencesOf(entry);
    cache.set(entry, refs);
  }
  return refs;
}
