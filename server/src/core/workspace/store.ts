/**
 * Lookup tables over the facts of all files: definitions by kind/namespace/name, pod templates by
 * namespace and label, resources by kind. Files are added and removed as a whole.
 */
import type { CustomTypeRegistry } from './crds';
import { builtinDefinition } from './definitions';
import type { FileFacts } from './facts';
import type { IndexedResource, ObjectDefinition, PodTemplate } from './model';
import type { WorkspaceQueries } from './checks/context';

class MultiMap<V> {
  private readonly map = new Map<string, Set<V>>();

  add(key: string, value: V): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(value);
  }

  delete(key: string, value: V): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: string): ReadonlySet<V> {
    return this.map.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<never> = new Set();

export class WorkspaceStore implements WorkspaceQueries {
  private readonly byName = new MultiMap<ObjectDefinition>();
  private readonly byNameAnyNamespace = new MultiMap<ObjectDefinition>();
  private readonly byKind = new MultiMap<ObjectDefinition>();
  private readonly templatesByNamespace = new MultiMap<PodTemplate>();
  private readonly templatesByLabel = new MultiMap<PodTemplate>();
  private readonly templatesByImplicitKey = new MultiMap<PodTemplate>();
  private readonly templatesByLabelKey = new MultiMap<PodTemplate>();
  private readonly resourcesByKind = new MultiMap<IndexedResource>();

  constructor(readonly customTypes: CustomTypeRegistry) {}

  add(facts: FileFacts): void {
    this.apply(facts, 'add');
  }

  remove(facts: FileFacts): void {
    this.apply(facts, 'delete');
  }

  private apply(facts: FileFacts, op: 'add' | 'delete'): void {
    for (const def of facts.definitions) {
      this.byNameAnyNamespace[op](`${def.kind}|${def.name}`, def);
      for (const ns of new Set(def.placements.map((p) => p.namespace))) {
        this.byName[op](`${def.kind}|${ns}|${def.name}`, def);
        this.byKind[op](`${def.kind}|${ns}`, def);
      }
    }
    for (const t of facts.templates) {
      for (const ns of new Set(t.owner.placements.map((p) => p.namespace))) {
        this.templatesByNamespace[op](ns, t);
        for (const [k, v] of Object.entries(t.labels)) this.templatesByLabel[op](`${ns}|${k}=${v}`, t);
        for (const k of Object.keys(t.labels)) this.templatesByLabelKey[op](k, t);
        for (const k of t.implicitLabels.keys()) this.templatesByImplicitKey[op](`${ns}|${k}`, t);
      }
    }
    for (const r of facts.resources) this.resourcesByKind[op](r.resource.kind, r);
  }

  definitionsNamed(kind: string, namespace: string, name: string): ObjectDefinition[] {
    if (namespace === '*') return [...this.byNameAnyNamespace.get(`${kind}|${name}`)];
    const out = [...this.byName.get(`${kind}|${namespace}|${name}`)];
    const builtin = builtinDefinition(kind, namespace, name);
    if (builtin) out.push(builtin);
    return out;
  }

  definitionsOfKind(kind: string, namespace: string): ObjectDefinition[] {
    return [...this.byKind.get(`${kind}|${namespace}`)];
  }

  templatesIn(namespace: string, label?: [string, string]): Iterable<PodTemplate> {
    if (!label) return this.templatesByNamespace.get(namespace);
    const explicit = this.templatesByLabel.get(`${namespace}|${label[0]}=${label[1]}`);
    const implicit = this.templatesByImplicitKey.get(`${namespace}|${label[0]}`);
    return implicit.size === 0 ? explicit : new Set([...explicit, ...implicit]);
  }

  templatesAnywhere(labelKey: string): Iterable<PodTemplate> {
    return this.templatesByLabelKey.get(labelKey);
  }

  resourcesOfKind(kind: string): ReadonlySet<IndexedResource> {
    return this.resourcesByKind.get(kind);
  }
}
