import { incompleteObjectsOf } from '../model/incompleteObjects';
import { nodeRange } from '../model/locate';
import { isBuildToolConfig, resourceRange, resourcesOf, type Resource } from '../model/resource';
import { isSecretObject, isSecretValuePath, maskValueInMessage, secretValueAt } from '../model/secrets';
import type { ParsedFile } from '../parse/parseFile';
import type { CheckContext, DocumentCheck, Problem } from '../rules/check';
import { NO_CUSTOM_KINDS, type CustomKindRegistry, type SchemaChecks } from '../schema/schemaChecks';
import type { Diagnostic } from '../types';
import { mentionsKubernetes, type FileRole } from './fileRole';
import { isRuleEnabled } from '../rules/pack/presets';
import type { AnalysisSettings } from './settings';
import { defaultSeverity } from './suppressions';

/** What single-file analysis needs besides the file: the schema layer and the document checks. */
export interface AnalysisEnvironment {
  schema: SchemaChecks;
  checks: readonly DocumentCheck[];
  customKinds?: CustomKindRegistry;
}

export function problemToDiagnostic(resource: Resource, id: string, severity: Diagnostic['severity'], p: Problem): Diagnostic {
  const d: Diagnostic = {
    range: resourceRange(resource, p.path, p.target ?? 'value'),
    severity: p.severity ?? severity,
    code: id,
    message: p.message,
    source: 'shipshape',
  };
  if (p.related?.length) d.related = p.related;
  const data: Record<string, unknown> = { path: [...p.path], documentIndex: resource.documentIndex };
  if (resource.listItem !== undefined) data.listItem = resource.listItem;
  if (p.suggestion !== undefined) data.suggestion = p.suggestion;
  if (p.data) Object.assign(data, p.data);
  d.data = data;
  return d;
}

/**
 * Single-file diagnostics (before suppressions and severity overrides): YAML syntax, duplicate keys,
 * apiVersion/kind checks, schema and API-server value rules. Cross-resource rules are added by the workspace.
 */
export function analyzeFile(
  file: ParsedFile,
  resources: readonly Resource[],
  settings: AnalysisSettings,
  env: AnalysisEnvironment,
  role: FileRole,
  reuse?: ResourceDiagnosticsReuse,
): Diagnostic[] {
  const steps = analyzeFileSteps(file, resources, settings, env, role, reuse);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Diagnostics of documents computed for an earlier version of the file, for documents whose text did
 * not change (see service/documentDiagnostics.ts). `get` returns them placed for the current version.
 */
export interface ResourceDiagnosticsReuse {
  get(resource: Resource): Diagnostic[] | undefined;
  set(resource: Resource, diagnostics: readonly Diagnostic[]): void;
}

/**
 * analyzeFile one resource at a time: yields after each, so huge files can be analyzed in slices.
 * With `reuse`, a resource whose document is unchanged since the last analysis is not checked again.
 */
export function* analyzeFileSteps(
  file: ParsedFile,
  resources: readonly Resource[],
  settings: AnalysisSettings,
  env: AnalysisEnvironment,
  role: FileRole,
  reuse?: ResourceDiagnosticsReuse,
): Generator<void, Diagnostic[]> {
  if (!settings.validateEnable || role.helmTemplate) return [];
  const out: Diagnostic[] = [];
  // File-level problems (binary data, too large: nothing was parsed) are reported for any file.
  const unread = file.documents.length === 0 && file.syntaxDiagnostics.length > 0;
  if (resources.length > 0 || unread || mentionsKubernetes(file.text)) out.push(...file.syntaxDiagnostics);
  if (!role.kustomizePatch) out.push(...incompleteObjectDiagnostics(file));
  const version = settings.kubernetesVersion;
  const customKinds = env.customKinds ?? NO_CUSTOM_KINDS;
  for (const resource of resources) {
    // Build-tool configuration that is never sent to an API server (kustomization.yaml).
    if (isBuildToolConfig(resource)) continue;
    const reused = reuse?.get(resource);
    if (reused) {
      out.push(...reused);
      continue;
    }
    const found: Diagnostic[] = [];
    const kind = env.schema.checkKind(resource, version, customKinds);
    for (const p of kind.problems) found.push(problemToDiagnostic(resource, p.id, defaultSeverity(p.id), p));
    if (kind.served) {
      for (const p of env.schema.validate(resource, version, { ignoreRequired: role.kustomizePatch })) {
        found.push(problemToDiagnostic(resource, p.id, defaultSeverity(p.id), p));
      }
      runDocumentChecks(resource, settings, role.kustomizePatch, env.checks, found);
    }
    maskSecretValues(resource, found);
    reuse?.set(resource, found);
    out.push(...found);
    yield;
  }
  return out;
}

/** `kind not set` / `apiVersion not set`, as kubectl refuses them, on the first line of the object. */
function incompleteObjectDiagnostics(file: ParsedFile): Diagnostic[] {
  return incompleteObjectsOf(file).flatMap(({ parsed, path, missing }) =>
    missing.map((field): Diagnostic => ({
      range: nodeRange(file, parsed, path, 'key'),
      severity: defaultSeverity('schema'),
      code: 'schema',
      message: `${field} not set`,
      source: 'shipshape',
      data: { path: [...path, field], documentIndex: parsed.index },
    })),
  );
}


/** Messages about a Secret's values (data, stringData, kubectl's last-applied copy) never quote them. */
function maskSecretValues(resource: Resource, found: Diagnostic[]): void {
  const object = resource.object;
  if (!isSecretObject(object)) return;
  for (const d of found) {
    const path = d.data?.path;
    if (!Array.isArray(path) || !isSecretValuePath(object, path as (string | number)[])) continue;
    d.message = maskValueInMessage(d.message, secretValueAt(object, path as (string | number)[]));
  }
}


/**
 * Runs the single-document checks over one served resource, appending their diagnostics to `out`.
 * A check that throws becomes a hint diagnostic (`Internal error in check …`); the others still run.
 */
export function runDocumentChecks(resource: Resource, settings: AnalysisSettings, isPatch: boolean, checks: readonly DocumentCheck[], out: Diagnostic[]): void {
  const version = settings.kubernetesVersion;
  for (const check of checks) {
    if (check.kinds && !check.kinds.includes(resource.kind)) continue;
    if (!isRuleEnabled(check.id, settings)) continue;
    const ctx: CheckContext = {
      resource,
      kubernetesVersion: version,
      isPatch,
      report: (p) => out.push(problemToDiagnostic(resource, check.id, check.defaultSeverity, p)),
    };
    try {
      check.check(ctx);
    } catch (err) {
      // A broken check must never take the others (or the server) down.
      out.push({
        range: resource.range,
        severity: 'hint',
        code: check.id,
        message: `Internal error in check '${check.name}': ${(err as Error).message}`,
        source: 'shipshape',
      });
    }
  }
}

export { resourcesOf };
