import { isRecord } from '../model/resource';
import type { IndexedResource } from './model';
import { labelsAt } from './podTemplates';

/** The selector of a Service that selects pods (ExternalName and selector-less Services have none). */
export function serviceSelector(entry: IndexedResource): Record<string, string> | undefined {
  const { object, kind, group } = entry.resource;
  if (kind !== 'Service' || group !== '') return undefined;
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec || spec.type === 'ExternalName') return undefined;
  const selector = labelsAt(object, ['spec', 'selector']);
  return Object.keys(selector).length > 0 ? selector : undefined;
}
