import type { Resource } from '../model/resource';
import { closestMatch } from './editDistance';
import type { ApiLifecycle, SchemaFacts } from './facts';
import type { CustomKindRegistry, RuleProblem } from './schemaChecks';
import { apiVersionRank, compareVersions } from './versions';
import type { VersionSchemas } from './versionSchemas';

export interface KindCheckResult {
  served: boolean;
  problems: RuleProblem[];
}

type ApiIdentity = Pick<Resource, 'apiVersion' | 'kind' | 'group' | 'version'>;

/** Documents with an apiVersion/kind that are not API objects (kubeconfig files); nothing to check. */
const CLIENT_SIDE_KINDS = new Set(['v1 Config']);

function kubernetes(version: string): string {
  return `Kubernetes ${version}`;
}

/** apiVersions serving `kind` in this version, most stable first. */
export function apiVersionsServing(api: VersionSchemas, kind: string): string[] {
  const out: string[] = [];
  for (const [apiVersion, kinds] of Object.entries(api.index())) if (Object.prototype.hasOwnProperty.call(kinds, kind)) out.push(apiVersion);
  return out.sort((a, b) => apiVersionRank(b) - apiVersionRank(a));
}

/**
 * What to migrate to in this version: the table's replacement when served here, else the most stable
 * apiVersion serving the kind that is more stable than the old one (never from beta to alpha).
 */
export function servedReplacement(api: VersionSchemas, row: ApiLifecycle): { apiVersion: string; kind: string } | undefined {
  const kind = row.replacementKind ?? row.kind;
  if (row.replacement && api.entry(row.replacement, kind)) return { apiVersion: row.replacement, kind };
  const group = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');
  const floor = kind === row.kind ? apiVersionRank(row.apiVersion) : -1;
  const candidates = apiVersionsServing(api, kind).filter((v) => v !== row.apiVersion && apiVersionRank(v) > floor);
  const sameGroup = candidates.filter((v) => group(v) === group(row.replacement ?? row.apiVersion));
  const apiVersion = sameGroup[0] ?? candidates[0];
  return apiVersion ? { apiVersion, kind } : undefined;
}

function replacementText(api: VersionSchemas, row: ApiLifecycle): { text: string; suggestion?: string } {
  const replacement = servedReplacement(api, row);
  if (replacement) {
    const sameKind = replacement.kind === row.kind;
    return { text: `; use ${replacement.apiVersion}${sameKind ? '' : ` ${replacement.kind}`}`, suggestion: sameKind ? replacement.apiVersion : undefined };
  }
  return { text: row.note ? `. ${row.note}` : '; it has no replacement' };
}

function removedProblem(api: VersionSchemas, row: ApiLifecycle): RuleProblem {
  const { text, suggestion } = replacementText(api, row);
  const problem: RuleProblem = {
    id: 'removed-api',
    path: ['apiVersion'],
    message: `${row.apiVersion} ${row.kind} was removed in ${kubernetes(row.removedIn as string)}${text}`,
    data: { removedIn: row.removedIn },
  };
  if (suggestion) problem.suggestion = suggestion;
  return problem;
}

function deprecatedProblem(api: VersionSchemas, row: ApiLifecycle): RuleProblem {
  const { text, suggestion } = replacementText(api, row);
  let removal = '';
  if (row.removedIn) removal = ` and will be removed in ${row.removedIn}`;
  else if (row.plannedRemovalIn) removal = ` and is scheduled for removal in ${row.plannedRemovalIn}`;
  const problem: RuleProblem = {
    id: 'deprecated-api',
    path: ['apiVersion'],
    message: `${row.apiVersion} ${row.kind} is deprecated since ${kubernetes(row.deprecatedIn as string)}${removal}${text}`,
    data: { deprecatedIn: row.deprecatedIn },
  };
  if (suggestion) problem.suggestion = suggestion;
  return problem;
}

/** Every kind this version serves, for typo suggestions. */
function servedKindNames(api: VersionSchemas): Set<string> {
  const names = new Set<string>();
  for (const kinds of Object.values(api.index())) for (const kind of Object.keys(kinds)) names.add(kind);
  return names;
}

function isCustomGroup(group: string, facts: SchemaFacts): boolean {
  return group.includes('.') && !facts.builtinGroups().has(group);
}

/**
 * unknown-kind / removed-api / deprecated-api for one resource. `version` is the Kubernetes version the
 * user chose; `api` holds the generated schemas used for it (the same version, or the nearest one when
 * that version was not generated). Lifecycle facts are compared with the chosen version, so
 * batch/v1beta1 CronJob is accepted for 1.20 and removed for 1.25. `served` is false when the object
 * cannot be validated.
 */
export function checkApiKind(resource: ApiIdentity, version: string, api: VersionSchemas, facts: SchemaFacts, customKinds: CustomKindRegistry): KindCheckResult {
  const { apiVersion, kind, group } = resource;
  const row = facts.lifecycle(apiVersion, kind);
  const removed = row?.removedIn !== undefined && compareVersions(row.removedIn, version) <= 0;
  // Older than every generated version: the lifecycle table is all we know about what it serves.
  const servedPerTable = row !== undefined && !removed && compareVersions(version, api.version) < 0;

  if ((api.entry(apiVersion, kind) || servedPerTable) && !removed) {
    const deprecated = row?.deprecatedIn !== undefined && compareVersions(row.deprecatedIn, version) <= 0;
    return { served: true, problems: deprecated ? [deprecatedProblem(api, row as ApiLifecycle)] : [] };
  }
  if (customKinds.hasKind(group, resource.version, kind)) return { served: true, problems: [] };
  if (removed) return { served: false, problems: [removedProblem(api, row as ApiLifecycle)] };
  if (CLIENT_SIDE_KINDS.has(`${apiVersion} ${kind}`)) return { served: false, problems: [] };
  // kubectl accepts `kind: List` and `<Kind>List` documents holding items; they have no schema of their own.
  if ((apiVersion === 'v1' && kind === 'List') || (kind.endsWith('List') && api.entry(apiVersion, kind.slice(0, -4)))) {
    return { served: true, problems: [] };
  }
  return { served: false, problems: [unknownKindProblem(resource, api, facts, customKinds)] };
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function unknownKindProblem(resource: ApiIdentity, api: VersionSchemas, facts: SchemaFacts, customKinds: CustomKindRegistry): RuleProblem {
  const { apiVersion, kind, group } = resource;
  const version = api.version;
  const elsewhere = apiVersionsServing(api, kind);

  // Served by other Kubernetes versions only (added after the chosen one).
  const range = facts.topIndex().apis[apiVersion]?.[kind];
  if (range) {
    const when = compareVersions(range[0], version) > 0 ? `it is served from ${range[0]} on` : `it was last served in ${range[1]}`;
    const problem: RuleProblem = { id: 'unknown-kind', path: ['apiVersion'], message: `${apiVersion} ${kind} is not served by ${kubernetes(version)} (${when})${elsewhere.length ? `; use ${elsewhere[0]}` : ''}` };
    if (elsewhere.length) problem.suggestion = elsewhere[0];
    return problem;
  }

  if (isCustomGroup(group, facts)) {
    // A misspelt built-in group (networkin.k8s.io) rather than a custom resource.
    const near = elsewhere.find((v) => closestMatch(group, [groupOf(v)], { maxDistance: 2 }) !== undefined);
    if (near) return { id: 'unknown-kind', path: ['apiVersion'], message: `Unknown API group '${group}'; did you mean ${near}?`, suggestion: near };
    if (customKinds.hasGroup?.(group)) {
      return { id: 'unknown-kind', path: ['kind'], severity: 'warning', message: `No CustomResourceDefinition in the workspace defines ${kind} in ${apiVersion}` };
    }
    return { id: 'unknown-kind', path: ['kind'], severity: 'information', message: `No CustomResourceDefinition for ${apiVersion} ${kind} in the workspace; not validated` };
  }

  // A built-in kind under the wrong apiVersion (v1 Deployment, apps/v1 Service).
  if (elsewhere.length) {
    return { id: 'unknown-kind', path: ['apiVersion'], message: `${kind} is not served under ${apiVersion}; use ${joinOr(elsewhere)}`, suggestion: elsewhere[0] };
  }

  // A likely typo of a built-in kind (Deploymnet, deployment).
  const typo = closestMatch(kind, servedKindNames(api), { maxDistance: kind.length <= 4 ? 1 : 2 });
  if (typo) {
    const homes = apiVersionsServing(api, typo);
    const where = homes.includes(apiVersion) ? '' : ` (${homes[0]})`;
    return { id: 'unknown-kind', path: ['kind'], message: `Unknown kind '${kind}'; did you mean '${typo}'${where}?`, suggestion: typo };
  }

  const message = api.index()[apiVersion]
    ? `${kubernetes(version)} has no kind '${kind}' in ${apiVersion}; not validated`
    : `${apiVersion} is not an API version of ${kubernetes(version)}; ${kind} was not validated`;
  return { id: 'unknown-kind', path: ['kind'], severity: 'warning', message };
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
