/**
 * CustomResourceDefinitions of the workspace: the custom kinds they define (for apiVersion/kind
 * checks), their scope (for namespaces) and their plural names (for RBAC rules).
 */
import { isRecord, type Resource } from '../model/resource';
import { resourceRange } from '../model/resource';
import type { CustomKindRegistry } from '../schema/schemaChecks';
import { withLazyRange } from './location';
import type { CustomResourceType } from './model';

/** The custom types a CustomResourceDefinition document defines (one, or none when incomplete). */
export function customTypesOf(resource: Resource): CustomResourceType[] {
  if (resource.kind !== 'CustomResourceDefinition' || resource.group !== 'apiextensions.k8s.io') return [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : undefined;
  const names = spec && isRecord(spec.names) ? spec.names : undefined;
  if (!spec || !names || typeof spec.group !== 'string' || typeof names.kind !== 'string') return [];
  const versions: string[] = [];
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) if (isRecord(v) && typeof v.name === 'string') versions.push(v.name);
  }
  // apiextensions.k8s.io/v1beta1 also allowed a single `version`
  if (typeof spec.version === 'string' && !versions.includes(spec.version)) versions.push(spec.version);
  const plural = typeof names.plural === 'string' ? names.plural : names.kind.toLowerCase() + 's';
  const type = { group: spec.group, kind: names.kind, plural, versions, clusterScoped: spec.scope === 'Cluster', uri: resource.uri };
  return [withLazyRange(type, () => resourceRange(resource, ['spec', 'names', 'kind'], 'value'))];
}

/** A stable text form, to notice when a file's CRDs changed. */
export function customTypeSignature(t: CustomResourceType): string {
  return `${t.group}/${t.kind}/${t.plural}/${t.clusterScoped ? 'C' : 'N'}/${t.versions.join(',')}`;
}

/** All CRD-defined types of the workspace, kept up to date by the index. */
export class CustomTypeRegistry implements CustomKindRegistry {
  private readonly byFile = new Map<string, CustomResourceType[]>();
  private byGroupKind = new Map<string, CustomResourceType[]>();
  private groups = new Set<string>();
  private plurals = new Map<string, Set<string>>();

  /** Replaces the types a file defines; returns the groups whose definitions changed. */
  setFile(uri: string, types: CustomResourceType[]): Set<string> {
    const before = this.byFile.get(uri) ?? [];
    if (types.length === 0) this.byFile.delete(uri);
    else this.byFile.set(uri, types);
    const changed = new Set<string>();
    const sig = (list: CustomResourceType[]) => list.map(customTypeSignature).sort().join('\n');
    if (sig(before) !== sig(types)) for (const t of [...before, ...types]) changed.add(t.group);
    if (before.length > 0 || types.length > 0) this.rebuild();
    return changed;
  }

  private rebuild(): void {
    this.byGroupKind = new Map();
    this.groups = new Set();
    this.plurals = new Map();
    for (const list of this.byFile.values()) {
      for (const t of list) {
        const key = `${t.group}/${t.kind}`;
        this.byGroupKind.set(key, [...(this.byGroupKind.get(key) ?? []), t]);
        this.groups.add(t.group);
        const plurals = this.plurals.get(t.group) ?? new Set<string>();
        plurals.add(t.plural);
        this.plurals.set(t.group, plurals);
      }
    }
  }

  hasKind(group: string, version: string, kind: string): boolean {
    return (this.byGroupKind.get(`${group}/${kind}`) ?? []).some((t) => t.versions.length === 0 || t.versions.includes(version));
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  /** The definition of a custom kind, if the workspace has one. */
  typeOf(group: string, kind: string): CustomResourceType | undefined {
    return this.byGroupKind.get(`${group}/${kind}`)?.[0];
  }

  /** True when a CRD of the workspace defines `plural` in `group`. */
  servesPlural(group: string, plural: string): boolean {
    return this.plurals.get(group)?.has(plural) ?? false;
  }

  /** The groups whose CRDs define `plural`. */
  groupsWithPlural(plural: string): string[] {
    return [...this.plurals.entries()].filter(([, set]) => set.has(plural)).map(([g]) => g);
  }

  /** Every custom type, for completion and symbols. */
  all(): CustomResourceType[] {
    return [...this.byFile.values()].flat();
  }
}
