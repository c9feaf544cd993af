/**
 * WorkspaceLookup over the files a LanguageService holds, using the workspace index's own rules for
 * what a resource defines (definitionsOf) and which pod template it has (podTemplateOf). Per-file
 * results are kept until the file's parsed version changes, so a query costs one pass over the file
 * list. Effective namespaces: metadata.namespace, else the file's Kustomize namespace, else `default`.
 */
import type { FileRole } from '../../analysis/fileRole';
import type { Resource } from '../../model/resource';
import type { ParsedFile } from '../../parse/parseFile';
import { builtinDefinition, definitionsOf } from '../../workspace/definitions';
import type { IndexedResource, ObjectDefinition, PodTemplate } from '../../workspace/model';
import { podTemplateOf } from '../../workspace/podTemplates';
import { isBuiltinClusterScoped } from '../../workspace/scope';
import type { WorkspaceLookup } from '../ports';

/** What the lookup needs of a file: the LanguageService's FileState has this shape. */
export interface IndexedFileState {
  file: ParsedFile;
  resources: Resource[];
  role: FileRole;
}

interface FileEntries {
  file: ParsedFile;
  role: FileRole;
  entries: IndexedResource[];
  definitions: ObjectDefinition[];
  templates: PodTemplate[];
}

/** The workspace entry of a resource outside any index: its effective namespace and one placement. */
export function indexedResource(resource: Resource, role?: FileRole): IndexedResource {
  const clusterScoped = isBuiltinClusterScoped(resource.group, resource.kind);
  const namespace = clusterScoped ? '' : resource.namespace || role?.kustomizeNamespace || 'default';
  return { resource, namespace, placements: [{ namespace }], clusterScoped };
}

export class FileScanLookup implements WorkspaceLookup {
  private readonly byUri = new Map<string, FileEntries>();

  constructor(
    private readonly uris: () => Iterable<string>,
    private readonly state: (uri: string) => IndexedFileState | undefined,
  ) {}

  resources(): Iterable<IndexedResource> {
    return this.all().flatMap((f) => f.entries);
  }

  entryOf(resource: Resource): IndexedResource | undefined {
    const f = this.refresh(resource.uri);
    return f?.entries.find((e) => e.resource.documentIndex === resource.documentIndex);
  }

  definitionsNamed(kind: string, namespace: string, name: string): readonly ObjectDefinition[] {
    const out = this.all().flatMap((f) =>
      f.definitions.filter((d) => d.kind === kind && d.name === name && (namespace === '*' || d.placements.some((p) => p.namespace === namespace))),
    );
    const builtin = namespace === '*' ? undefined : builtinDefinition(kind, namespace, name);
    return builtin ? [...out, builtin] : out;
  }

  definitionsOfKind(kind: string, namespace: string): readonly ObjectDefinition[] {
    return this.all().flatMap((f) => f.definitions.filter((d) => d.kind === kind && d.placements.some((p) => p.namespace === namespace)));
  }

  templatesIn(namespace: string): Iterable<PodTemplate> {
    return this.all().flatMap((f) => f.templates.filter((t) => t.owner.placements.some((p) => p.namespace === namespace)));
  }

  private all(): FileEntries[] {
    const seen = new Set<string>();
    const out: FileEntries[] = [];
    for (const uri of this.uris()) {
      seen.add(uri);
      const f = this.refresh(uri);
      if (f) out.push(f);
    }
    for (const uri of this.byUri.keys()) if (!seen.has(uri)) this.byUri.delete(uri);
    return out;
  }

  private refresh(uri: string): FileEntries | undefined {
    const state = this.state(uri);
    if (!state) {
      this.byUri.delete(uri);
      return undefined;
    }
    const cached = this.byUri.get(uri);
    if (cached && cached.file === state.file && sameRole(cached.role, state.role)) return cached;
    const indexable = !state.role.helmTemplate && !state.role.kustomizePatch;
    const entries = indexable ? state.resources.map((r) => indexedResource(r, state.role)) : [];
    const fresh: FileEntries = {
      file: state.file,
      role: state.role,
      entries,
      definitions: entries.flatMap(definitionsOf),
      templates: entries.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined),
    };
    this.byUri.set(uri, fresh);
    return fresh;
  }
}

function sameRole(a: FileRole, b: FileRole): boolean {
  return a.helmTemplate === b.helmTemplate && a.kustomizePatch === b.kustomizePatch && a.kustomizeNamespace === b.kustomizeNamespace;
}
