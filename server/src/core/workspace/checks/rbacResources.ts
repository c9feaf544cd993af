/**
 * rbac-unknown-resource: a Role/ClusterRole rule names a resource that none of the rule's apiGroups
 * serves in the chosen Kubernetes version ("deployments" under the core group), or a subresource
 * the resource does not have ("pods/logs"). Such a rule grants nothing, silently.
 * Custom groups (CRDs, aggregated APIs) are trusted: any resource under a group Kubernetes does not
 * serve itself is accepted, and workspace CRDs' plurals are accepted under any group.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { IndexedResource } from '../model';
import { allResources, groupServes, groupsServing, isBuiltinGroup, knownSubresources, lastServedMinor, minorVersion, resourcesOfGroup } from '../rbac/apiResources';
import { diagnostic, type CrossCheckContext } from './context';
import { closest, quotedList } from './describe';

function groupName(group: string): string {
  return group === '' ? 'the core API group' : `the API group '${group}'`;
}

function groupsText(groups: readonly string[]): string {
  if (groups.length === 1) return groupName(groups[0]);
  return `the API groups ${groups.map((g) => (g === '' ? "'' (core)" : `'${g}'`)).join(', ')}`;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function checkResource(groups: string[], resource: string, path: JsonPath, entry: IndexedResource, ctx: CrossCheckContext, minor: number): void {
  const [name, sub] = resource.split('/', 2);
  if (name === '*' || name === '') return;
  const crds = ctx.queries.customTypes;
  const serving = groups.filter((g) => !isBuiltinGroup(g) || groupServes(g, name, minor) || crds.servesPlural(g, name));
  const version = `1.${minor}`;
  if (serving.length === 0) {
    const elsewhere = [...groupsServing(name, minor), ...crds.groupsWithPlural(name)];
    let message: string;
    let suggestion: string | undefined;
    const data: Record<string, unknown> = {};
    if (elsewhere.length > 0) {
      const uniq = [...new Set(elsewhere)];
      message = `'${name}' is not served by ${groupsText(groups)}; it is in ${uniq.map((g) => (g === '' ? "the core group ''" : `'${g}'`)).join(' and ')}.`;
      data.suggestedGroups = uniq;
    } else {
      const once = groups.map((g) => ({ g, last: lastServedMinor(g, name) })).find((x) => x.last !== undefined);
      const candidates = groups.flatMap((g) => resourcesOfGroup(g, minor));
      suggestion = closest(name, candidates);
      let suggestedGroup = '';
      if (!suggestion) {
        const everywhere = allResources(minor);
        suggestion = closest(name, everywhere.map((r) => r.resource));
        const found = everywhere.find((r) => r.resource === suggestion);
        if (found) suggestedGroup = ` (in ${found.group === '' ? "the core group ''" : `'${found.group}'`})`;
      }
      if (once) message = `'${name}' is not served by ${groupName(once.g)} in Kubernetes ${version} (last served in 1.${once.last}).`;
      else message = `'${name}' is not a resource of ${groupsText(groups)} in Kubernetes ${version}.`;
      if (suggestion) message += ` Did you mean '${sub !== undefined ? `${suggestion}/${sub}` : suggestion}'${suggestedGroup}?`;
    }
    ctx.report(diagnostic(entry.resource, 'rbac-unknown-resource', path, message, { suggestion: suggestion && (sub !== undefined ? `${suggestion}/${sub}` : suggestion), data }));
    return;
  }
  if (sub === undefined || sub === '*') return;
  // The subresource must exist for at least one serving group that lists its subresources.
  const lists = serving.map((g) => knownSubresources(g, name));
  if (lists.some((l) => l === undefined || l.includes(sub))) return;
  const known = [...new Set(lists.flatMap((l) => l ?? []))];
  const suggestion = closest(sub, known);
  const listing = known.length > 0 ? `; its subresources are ${quotedList(known, 12)}` : '; it has no subresources';
  ctx.report(
    diagnostic(entry.resource, 'rbac-unknown-resource', path, `'${sub}' is not a subresource of '${name}'${listing}.${suggestion ? ` Did you mean '${name}/${suggestion}'?` : ''}`, {
      suggestion: suggestion ? `${name}/${suggestion}` : undefined,
    }),
  );
}

export function checkRbacResources(entry: IndexedResource, ctx: CrossCheckContext): void {
  const { kind, group, object } = entry.resource;
  if ((kind !== 'Role' && kind !== 'ClusterRole') || group !== 'rbac.authorization.k8s.io' || !ctx.enabled('rbac-unknown-resource')) return;
  const minor = minorVersion(ctx.kubernetesVersion);
  const rules = Array.isArray(object.rules) ? object.rules : [];
  rules.forEach((rule, ri) => {
    if (!isRecord(rule) || !Array.isArray(rule.resources)) return;
    const groups = strings(rule.apiGroups);
    if (groups.length === 0 || groups.includes('*')) return;
    rule.resources.forEach((resource, i) => {
      if (typeof resource === 'string') checkResource(groups, resource, ['rules', ri, 'resources', i], entry, ctx, minor);
    });
  });
}
