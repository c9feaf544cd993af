/**
 * pdb-no-match: a PodDisruptionBudget whose selector selects no pod template in its namespace
 * protects nothing: node drains and other evictions go ahead unchecked. Usually a label typo, or a
 * budget in another namespace than its workload. Empty selectors (and selectors without any
 * required label) are not judged: pods may come from outside the workspace.
 */
import { readLabelSelector } from '../../rules/util/selectors';
import type { IndexedResource } from '../model';
import { diagnostic, type CrossCheckContext } from './context';
import { named } from './describe';
import { noMatchReport, requiredKeys, selectedIn, useSelectorKeys } from './podSelection';

export function checkDisruptionBudget(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { object, kind, group } = entry.resource;
  if (kind !== 'PodDisruptionBudget' || group !== 'policy' || !ctx.enabled('pdb-no-match')) return;
  const spec = object.spec;
  const selector =
    typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? readLabelSelector((spec as Record<string, unknown>).selector) : undefined;
  if (!selector || requiredKeys(selector).length === 0) return;
  for (const p of entry.placements) useSelectorKeys(ctx, selector, [p.namespace]);
  const missing = entry.placements.filter((p) => selectedIn(ctx, selector, p.namespace, p).length === 0).map((p) => p.namespace);
  if (missing.length === 0) return;
  const { message, related } = noMatchReport(ctx, selector, {
    subject: `${named('PodDisruptionBudget', entry.resource.name ?? '')} selects no pods`,
    namespaces: [...new Set(missing)],
    scope: 'a PodDisruptionBudget only covers pods in its own namespace',
  });
  ctx.report(diagnostic(entry.resource, 'pdb-no-match', ['spec', 'selector'], message, { target: 'key', related }));
}
