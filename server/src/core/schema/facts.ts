import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of schemas/removed-apis.json: the lifecycle of an apiVersion/kind. */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** First Kubernetes minor version ("1.21") in which the API is deprecated. */
  deprecatedIn?: string;
  lastServedIn?: string;
  /** First version that no longer serves it. Absent: still served in every generated version. */
  removedIn?: string;
  /** Announced removal for an API that is still served. */
  plannedRemovalIn?: string;
  /** apiVersion to migrate to. */
  replacement?: string;
  /** Kind to migrate to, when it differs (v1 Endpoints → EndpointSlice). */
  replacementKind?: string;
  note?: string;
  /** Where the row comes from: the official deprecation guide or API lifecycle tags, a changelog, or the comparison of definitions. */
  source: 'guide' | 'changelog' | 'openapi';
}

/** An allowed value, possibly only from a given Kubernetes version on. */
export type EnumValue = string | { value: string; since: string };

/** schemas/enums.json: definition name → property → allowed values (for arrays: of each item). */
export type EnumTable = Record<string, Record<string, EnumValue[]>>;

/** schemas/cluster-scoped.json: API group → cluster-scoped kinds. */
export type ClusterScopedKinds = Record<string, string[]>;

export interface IndexEntry {
  /** Entry schema, relative to the version folder. */
  file: string;
  /** Full definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  definition: string;
  namespaced: boolean;
}

/** `schemas/vX.Y/index.json`: apiVersion → kind → entry. */
export type KindIndex = Record<string, Record<string, IndexEntry>>;

/** `schemas/index.json`: the generated versions and the range of versions serving each apiVersion/kind. */
export interface TopIndex {
  versions: string[];
  apis: Record<string, Record<string, [first: string, last: string]>>;
}

export class SchemasMissingError extends Error {
  constructor(file: string) {
    super(`Kubernetes schemas are missing (${file}). Run \`npm run schemas\` to generate them.`);
    this.name = 'SchemasMissingError';
  }
}

export function readJsonFile<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new SchemasMissingError(file);
  }
  return JSON.parse(text) as T;
}

/** The committed and generated facts of a schemas folder, each read on first use. */
export class SchemaFacts {
  private lifecycles?: Map<string, ApiLifecycle>;
  private enumTable?: EnumTable;
  private top?: TopIndex;
  private builtinGroupSet?: Set<string>;

  constructor(readonly dir: string) {}

  lifecycle(apiVersion: string, kind: string): ApiLifecycle | undefined {
    return this.lifecycleTable().get(`${apiVersion} ${kind}`);
  }

  allLifecycles(): ApiLifecycle[] {
    return [...this.lifecycleTable().values()];
  }

  private lifecycleTable(): Map<string, ApiLifecycle> {
    if (!this.lifecycles) {
      const table = readJsonFile<{ apis: ApiLifecycle[] }>(join(this.dir, 'removed-apis.json'));
      this.lifecycles = new Map(table.apis.map((row) => [`${row.apiVersion} ${row.kind}`, row]));
    }
    return this.lifecycles;
  }

  enums(): EnumTable {
    return (this.enumTable ??= readJsonFile<EnumTable>(join(this.dir, 'enums.json')));
  }

  topIndex(): TopIndex {
    return (this.top ??= readJsonFile<TopIndex>(join(this.dir, 'index.json')));
  }

  /** Groups Kubernetes itself defines (now or in the past); '' is the core group. */
  builtinGroups(): Set<string> {
    if (!this.builtinGroupSet) {
      const groups = new Set<string>(['']);
      const add = (apiVersion: string): void => {
        const slash = apiVersion.lastIndexOf('/');
        groups.add(slash < 0 ? '' : apiVersion.slice(0, slash));
      };
      for (const apiVersion of Object.keys(this.topIndex().apis)) add(apiVersion);
      for (const row of this.allLifecycles()) add(row.apiVersion);
      this.builtinGroupSet = groups;
    }
    return this.builtinGroupSet;
  }
}
