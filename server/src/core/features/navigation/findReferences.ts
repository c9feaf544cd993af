/**
 * Find references of an object: every reference to it by name in the workspace, and for workloads
 * the Services whose selectors pick its pods. On a reference, the object it names is the subject.
 */
import { resourceRange } from '../../model/resource';
import type { Position } from '../../types';
import { entryFor, referenceAt, referencesTo, servicesSelecting } from '../references/resolve';
import { documentInfo, type FeatureRequest } from '../request';
import type { Location } from '../types';
import { DocumentLines } from '../yaml/documentLines';
import { pointAt } from '../yaml/pointAt';
import { definitionLocation } from './definition';

interface Subject {
  kind: string;
  namespace: string;
  name: string;
}

export function findReferences(req: FeatureRequest, position: Position, includeDeclaration: boolean): Location[] {
  const point = pointAt(req.file, position);
  const resource = documentInfo(req, point?.lines ?? new DocumentLines(req.file, position.line)).resource;
  if (!resource) return [];
  const entry = entryFor(req, resource);
  const onReference = point ? referenceAt(req, resource, point.path) : undefined;
  const subject: Subject | undefined = onReference
    ? { kind: onReference.reference.targetKind, namespace: onReference.reference.targetNamespace, name: onReference.reference.targetName }
    : resource.name
      ? { kind: resource.kind, namespace: entry.namespace, name: resource.name }
      : undefined;
  if (!subject) return [];
  const out: Location[] = [];
  if (includeDeclaration) {
    for (const d of req.env.workspace.definitionsNamed(subject.kind, subject.namespace, subject.name)) out.push(...definitionLocation(d));
  }
  for (const { referrer, reference } of referencesTo(req, subject.kind, subject.namespace, subject.name)) {
    out.push({ uri: referrer.resource.uri, range: resourceRange(referrer.resource, reference.path, 'value') });
  }
  if (!onReference) {
    for (const service of servicesSelecting(req, entry)) {
      out.push({ uri: service.resource.uri, range: resourceRange(service.resource, ['spec', 'selector'], 'key') });
    }
  }
  return dedupe(out);
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
