/**
 * The best-practice pack's rules that need the workspace: use-namespace (Kustomize may set the
 * namespace), non-isolated-pod (NetworkPolicies of the namespace), pdb-min-available (replicas of the
 * workloads a PodDisruptionBudget selects). Off unless enabled (see rules/pack/presets.ts).
 */
import { isRecord } from '../../model/resource';
import { readLabelSelector, selectorMatches } from '../../rules/util/selectors';
import { kindKey, labelKey, templateKey } from '../dependencyKeys';
import type { IndexedResource } from '../model';
import { podTemplateOf } from '../podTemplates';
import { diagnostic, type CrossCheckContext } from './context';

export function checkUseNamespace(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { resource } = entry;
  if (!ctx.enabled('use-namespace') || entry.clusterScoped || !entry.placements.some((p) => p.namespace === 'default')) return;
  const written = isRecord(resource.object.metadata) && resource.object.metadata.namespace !== undefined;
  ctx.report(
    diagnostic(
      resource,
      'use-namespace',
      written ? ['metadata', 'namespace'] : ['metadata'],
      `${resource.kind} is deployed to the default namespace; give it a namespace of its own.`,
      { target: written ? 'value' : 'key' },
    ),
  );
}

export function checkNonIsolatedPod(entry: IndexedResource, ctx: CrossCheckContext): void {
  if (!ctx.enabled('non-isolated-pod')) return;
  const template = podTemplateOf(entry);
  if (!template?.selectable) return;
  for (const ns of new Set(entry.placements.map((p) => p.namespace))) {
    ctx.use(kindKey('NetworkPolicy', ns));
    const isolated = ctx.queries.definitionsOfKind('NetworkPolicy', ns).some((def) => {
      const spec = def.source?.resource.object.spec;
      const selector = isRecord(spec) ? readLabelSelector(spec.podSelector ?? {}) : undefined;
      return selector !== undefined && selectorMatches(selector, template.labels);
    });
    if (isolated) continue;
    ctx.report(
      diagnostic(
        entry.resource,
        'non-isolated-pod',
        template.labelsPath,
        `No NetworkPolicy in namespace '${ns}' selects these pods: they accept traffic from anywhere.`,
        { target: 'key' },
      ),
    );
    return;
  }
}

export function checkPdbMinAvailable(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { resource } = entry;
  if (!ctx.enabled('pdb-min-available') || resource.kind !== 'PodDisruptionBudget') return;
  const spec = isRecord(resource.object.spec) ? resource.object.spec : undefined;
  const min = spec?.minAvailable;
  const selector = readLabelSelector(spec?.selector);
  if (typeof min !== 'number' || !selector) return;
  for (const ns of new Set(entry.placements.map((p) => p.namespace))) {
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) ctx.use(labelKey(ns, k, String(v)));
    for (const template of ctx.queries.templatesIn(ns)) {
      if (!template.selectable || !selectorMatches(selector, template.labels)) continue;
      ctx.use(templateKey(template));
      const owner = template.owner.resource;
      const ownerSpec = owner.object.spec;
      const replicas = owner.kind === 'Pod' ? 1 : isRecord(ownerSpec) ? (ownerSpec.replicas ?? 1) : undefined;
      if (typeof replicas !== 'number' || min < replicas) continue;
      ctx.report(
        diagnostic(
          resource,
          'pdb-min-available',
          ['spec', 'minAvailable'],
          `minAvailable ${min} is at least the ${replicas} replica${replicas === 1 ? '' : 's'} of ${owner.kind}/${owner.name ?? ''}: no pod of it may ever be evicted.`,
        ),
      );
      return;
    }
  }
}
