/**
 * How the kustomizations of the workspace arrange files: which build (root kustomization) includes
 * each file, in which namespace, and which files are patches.
 *
 * Kustomize semantics followed here: a kustomization includes files and folders (a folder means the
 * kustomization inside it); the `namespace:` of an including kustomization overrides the namespaces
 * set further in (the outermost one wins); a base shared by two overlays ends up in both builds.
 */
import type { Kustomization } from './kustomization';

/** One way a file is included: in which build, and the namespace the build gives it (if any). */
export interface KustomizePlacement {
  /** Canonical uri of the root kustomization. */
  build: string;
  /** The namespace set by the outermost kustomization on the way, if any. */
  namespace?: string;
}

export class KustomizeLayout {
  private readonly placements = new Map<string, KustomizePlacement[]>();
  private readonly patchFiles = new Set<string>();
  private readonly patchNamespaces = new Map<string, string | undefined>();

  /** @param kustomizations keyed by canonical uri */
  constructor(kustomizations: ReadonlyMap<string, Kustomization>) {
    const byDir = new Map<string, Kustomization>();
    for (const k of kustomizations.values()) byDir.set(k.dir, k);
    const included = new Set<string>();
    for (const k of kustomizations.values()) {
      for (const ref of k.includes) {
        const child = byDir.get(ref);
        if (child && child !== k) included.add(child.uri);
      }
      for (const patch of k.patches) this.patchFiles.add(patch);
    }
    for (const root of kustomizations.values()) {
      if (!included.has(root.uri)) this.walk(root, root.uri, undefined, byDir, new Set());
    }
    // A kustomization that only sits in a cycle has no root: give it a build of its own.
    for (const k of kustomizations.values()) {
      if (!this.placements.has(k.uri)) this.walk(k, k.uri, undefined, byDir, new Set());
    }
    for (const uri of this.placements.keys()) this.patchFiles.delete(uri);
  }

  private walk(k: Kustomization, build: string, outerNamespace: string | undefined, byDir: ReadonlyMap<string, Kustomization>, seen: Set<string>): void {
    if (seen.has(k.uri)) return;
    seen.add(k.uri);
    const namespace = outerNamespace ?? k.namespace;
    this.add(k.uri, { build, namespace });
    for (const patch of k.patches) if (!this.patchNamespaces.has(patch)) this.patchNamespaces.set(patch, namespace);
    for (const ref of k.includes) {
      const child = byDir.get(ref);
      if (child) this.walk(child, build, namespace, byDir, seen);
      else this.add(ref, { build, namespace });
    }
  }

  private add(uri: string, placement: KustomizePlacement): void {
    const list = this.placements.get(uri) ?? [];
    if (!list.some((p) => p.build === placement.build && p.namespace === placement.namespace)) list.push(placement);
    this.placements.set(uri, list);
  }

  /** Placements of a file (canonical uri) in kustomize builds; undefined when no kustomization includes it. */
  placementsOf(uri: string): readonly KustomizePlacement[] | undefined {
    return this.placements.get(uri);
  }

  /** True when a kustomization uses the file as a patch and none includes it as a resource. */
  isPatch(uri: string): boolean {
    return this.patchFiles.has(uri);
  }

  /** The namespace set by the kustomization that uses the file as a patch. */
  patchNamespace(uri: string): string | undefined {
    return this.patchNamespaces.get(uri);
  }

  /** A string that changes whenever the file's role or placements change. */
  signature(uri: string): string {
    const placements = this.placements.get(uri) ?? [];
    return `${this.isPatch(uri) ? `patch>${this.patchNamespace(uri) ?? ''}` : ''}|${placements.map((p) => `${p.build}>${p.namespace ?? ''}`).join(';')}`;
  }

  /** Every file with a role or placement (for diffing two layouts). */
  files(): Iterable<string> {
    return new Set([...this.placements.keys(), ...this.patchFiles]);
  }
}
