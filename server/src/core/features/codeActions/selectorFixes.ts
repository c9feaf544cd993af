/**
 * selector-mismatch: a workload whose selector does not select its own pod template. Two fixes:
 * give the template the selector's labels, or make the selector the template's labels.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CodeActionEntry } from '../types';
import { yamlString } from '../yaml/scalar';
import { fileFix, type FixContext } from './fixContext';
import { replaceMap, setEntries } from './yamlEdits';

const MATCH_LABELS: JsonPath = ['spec', 'selector', 'matchLabels'];
const TEMPLATE_LABELS: JsonPath = ['spec', 'template', 'metadata', 'labels'];

function labels(object: unknown, path: JsonPath): [string, string][] {
  let node = object;
  for (const step of path) node = isRecord(node) ? node[step as string] : undefined;
  if (!isRecord(node)) return [];
  return Object.entries(node)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => [k, String(v)]);
}

export function selectorFixes(ctx: FixContext): CodeActionEntry[] {
  const object = ctx.resource.object;
  const selector = labels(object, MATCH_LABELS);
  const template = labels(object, TEMPLATE_LABELS);
  const out: CodeActionEntry[] = [];
  const toTemplate = selector.filter(([k, v]) => !template.some(([tk, tv]) => tk === k && tv === v));
  if (toTemplate.length > 0) {
    const edits = setEntries(
      ctx.doc,
      TEMPLATE_LABELS,
      toTemplate.map(([k, v]) => [k, yamlString(v)]),
    );
    if (edits) out.push(fileFix(ctx, `Add the selector's labels to the pod template (${toTemplate.map(([k, v]) => `${k}=${v}`).join(', ')})`, edits, true));
  }
  const spec = isRecord(object.spec) ? object.spec : {};
  const hasExpressions = isRecord(spec.selector) && spec.selector.matchExpressions !== undefined;
  if (template.length > 0 && !hasExpressions) {
    const edits = replaceMap(
      ctx.doc,
      MATCH_LABELS,
      template.map(([k, v]) => [k, yamlString(v)]),
    );
    if (edits) out.push(fileFix(ctx, `Set the selector to the pod template's labels (${template.map(([k, v]) => `${k}=${v}`).join(', ')})`, edits));
  }
  return out;
}
