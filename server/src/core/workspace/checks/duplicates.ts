/**
 * duplicate-resource: the same group/kind/namespace/name defined by two documents of one build.
 * Applying both means the second silently replaces the first. Each copy points at the others.
 * Copies in different Kustomize builds (overlays) are alternatives, not duplicates.
 */
import type { IndexedResource, ObjectDefinition } from '../model';
import { diagnostic, type CrossCheckContext } from './context';
import { fileLabel, named } from './describe';

function overlaps(a: ObjectDefinition, b: ObjectDefinition): boolean {
  return a.placements.some((p) => b.placements.some((q) => p.namespace === q.namespace && p.build === q.build));
}

export function checkDuplicates(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { resource } = entry;
  if (!resource.name || !ctx.enabled('duplicate-resource')) return;
  const own = { group: resource.group, placements: entry.placements } as ObjectDefinition;
  const others = new Map<string, ObjectDefinition>();
  for (const placement of entry.placements) {
    for (const def of ctx.queries.definitionsNamed(resource.kind, placement.namespace, resource.name)) {
      if (def.origin !== 'manifest' || def.group !== resource.group || !def.source || def.source === entry) continue;
      if (def.source.resource.uri === resource.uri && def.source.resource.documentIndex === resource.documentIndex) continue;
      if (overlaps(own, def)) others.set(`${def.uri}#${def.source.resource.documentIndex}`, def);
    }
  }
  if (others.size === 0) return;
  const copies = [...others.values()];
  const where = entry.clusterScoped ? '' : ` in namespace '${entry.namespace}'`;
  const first = copies[0];
  const line = (first.range?.start.line ?? 0) + 1;
  const elsewhere = first.uri === resource.uri ? `on line ${line} of this file` : `in ${fileLabel(first.uri)} (line ${line})`;
  const more = copies.length > 1 ? ` and ${copies.length - 1} more place${copies.length > 2 ? 's' : ''}` : '';
  ctx.report(
    diagnostic(resource, 'duplicate-resource', ['metadata', 'name'], `${named(resource.kind, resource.name)}${where} is also defined ${elsewhere}${more}; applying both keeps only the last one.`, {
      related: copies.filter((c) => c.uri && c.range).map((c) => ({ uri: c.uri as string, range: c.range as NonNullable<typeof c.range>, message: `Other definition of ${named(resource.kind, resource.name ?? '')}` })),
    }),
  );
}
