/**
 * Connects the features' ports to the real layers: SchemaDocs over the generated schemas and
 * WorkspaceLookup over the files the LanguageService holds.
 */
import { createSchemaChecks } from '../../schema/kubernetesSchemas';
import type { SchemaCatalog } from '../../schema/schemaChecks';
import type { LanguageService } from '../../service/languageService';
import type { FeatureEnvironment, SchemaDocs, WorkspaceLookup } from '../ports';
import { FileScanLookup } from './fileScanLookup';
import { CatalogSchemaDocs } from './catalogSchemaDocs';

function isCatalog(value: unknown): value is SchemaCatalog {
  const v = value as Partial<SchemaCatalog> | undefined;
  return typeof v?.describeField === 'function' && typeof v.servedKinds === 'function' && typeof v.apiReferenceUrl === 'function';
}

/**
 * Field documentation from the schema layer the service validates with (so schemas are loaded once),
 * or from the installation's schemas/ folder when the service's layer is no catalog.
 */
export function schemaDocsFor(service: LanguageService): SchemaDocs {
  const schema = service.environment.schema;
  return new CatalogSchemaDocs(isCatalog(schema) ? schema : createSchemaChecks());
}

function isLookup(value: unknown): value is WorkspaceLookup {
  const v = value as Partial<WorkspaceLookup> | undefined;
  return ['resources', 'entryOf', 'definitionsNamed', 'definitionsOfKind', 'templatesIn'].every(
    (m) => typeof (v as Record<string, unknown> | undefined)?.[m] === 'function',
  );
}

/**
 * The workspace index of the service (workspace/workspaceIndex.ts has the lookups the features need),
 * or, for a service without one, a scan over the files the service holds.
 */
export function serviceLookup(service: LanguageService): WorkspaceLookup {
  if (isLookup(service.workspace)) return service.workspace;
  return new FileScanLookup(
    () => service.uris(),
    (uri) => service.get(uri),
  );
}

/** An environment whose Kubernetes version follows the service's current settings. */
export function serviceEnvironment(service: LanguageService, schema: SchemaDocs, workspace: WorkspaceLookup): FeatureEnvironment {
  return {
    schema,
    workspace,
    get kubernetesVersion(): string {
      return service.currentSettings.kubernetesVersion;
    },
  };
}
