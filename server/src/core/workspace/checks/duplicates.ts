/**
 * duplicate-resource: the same group/kind/namespace/name defined twice in what is applied together.
 * Applying both means the second silently replaces the first. Each copy points at the others.
 *
 * Scope, from the strongest to none:
 *   - the same file, or the same Kustomize build (the same root kustomization) → error;
 *   - the same folder (`kubectl apply -f DIR`), unless the files go to different Kustomize builds → warning;
 *   - different folders (separate applications, `envs/dev` and `envs/prod`) → not reported.
 */
import { sameResource } from '../../model/resource';
import type { Severity } from '../../types';
import type { IndexedResource, ObjectDefinition, Placement } from '../model';
import { canonicalUri, parentOf } from '../paths';
import { diagnostic, type CrossCheckContext } from './context';
import { fileLabel, named } from './describe';

type Scope = 'file' | 'build' | 'folder';

/** How closely two definitions are applied together, or undefined when they never are. */
function sharedScope(own: IndexedResource, other: ObjectDefinition): Scope | undefined {
  const sameNamespace = (p: Placement, q: Placement) => p.namespace === q.namespace;
  const pairs = own.placements.flatMap((p) => other.placements.filter((q) => sameNamespace(p, q)).map((q) => [p, q] as const));
  if (pairs.length === 0) return undefined;
  const ownUri = canonicalUri(own.resource.uri);
  const otherUri = canonicalUri(other.uri ?? '');
  if (ownUri === otherUri) return 'file';
  if (pairs.some(([p, q]) => p.build !== undefined && p.build === q.build)) return 'build';
  const compatible = pairs.some(([p, q]) => p.build === undefined || q.build === undefined || p.build === q.build);
  if (compatible && parentOf(ownUri) === parentOf(otherUri)) return 'folder';
  return undefined;
}

export function checkDuplicates(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { resource } = entry;
  if (!resource.name || !ctx.enabled('duplicate-resource')) return;
  const others = new Map<string, { def: ObjectDefinition; scope: Scope }>();
  for (const placement of entry.placements) {
    for (const def of ctx.queries.definitionsNamed(resource.kind, placement.namespace, resource.name)) {
      if (def.origin !== 'manifest' || def.group !== resource.group || !def.source || def.source === entry) continue;
      if (sameResource(def.source.resource, resource)) continue;
      const scope = sharedScope(entry, def);
      if (scope) others.set(`${def.uri}#${def.source.resource.documentIndex}#${def.source.resource.listItem ?? ''}`, { def, scope });
    }
  }
  if (others.size === 0) return;
  const found = [...others.values()];
  const strong = found.filter((f) => f.scope !== 'folder');
  const shown = strong.length > 0 ? strong : found;
  const copies = shown.map((f) => f.def);
  const severity: Severity | undefined = strong.length > 0 ? undefined : 'warning';
  const where = entry.clusterScoped ? '' : ` in namespace '${entry.namespace}'`;
  const first = copies[0];
  const line = (first.range?.start.line ?? 0) + 1;
  const elsewhere = first.uri === resource.uri ? `on line ${line} of this file` : `in ${fileLabel(first.uri)} (line ${line})`;
  const more = copies.length > 1 ? ` and ${copies.length - 1} more place${copies.length > 2 ? 's' : ''}` : '';
  const consequence = severity ? '; applying the folder keeps only the last one.' : '; applying both keeps only the last one.';
  const folder = severity ? ' in the same folder' : '';
  const d = diagnostic(
    resource,
    'duplicate-resource',
    ['metadata', 'name'],
    `${named(resource.kind, resource.name)}${where} is also defined ${elsewhere}${more}${folder}${consequence}`,
    {
      related: copies
        .filter((c) => c.uri && c.range)
        .map((c) => ({
          uri: c.uri as string,
          range: c.range as NonNullable<typeof c.range>,
          message: `Other definition of ${named(resource.kind, resource.name ?? '')}`,
        })),
    },
  );
  if (severity) d.severity = severity;
  ctx.report(d);
}
