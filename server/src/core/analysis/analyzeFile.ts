import { resourceRange, resourcesOf, type Resource } from '../model/resource';
import type { ParsedFile } from '../parse/parseFile';
import type { CheckContext, DocumentCheck, Problem } from '../rules/check';
import { NO_CUSTOM_KINDS, type CustomKindRegistry, type SchemaChecks } from '../schema/schemaChecks';
import type { Diagnostic } from '../types';
import { mentionsKubernetes, type FileRole } from './fileRole';
import type { AnalysisSettings } from './settings';
import { defaultSeverity } from './suppressions';

/** API groups of files that tools read but no API server serves. */
const NOT_API_OBJECTS = new Set(['kustomize.config.k8s.io']);

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
  if (p.suggestion !== undefined) data.suggestion = p.suggestion;
  if (p.data) Object.assign(data, p.data);
  d.data = data;
  return d;
}

/**
 * Single-file diagnostics (before suppressions and severity overrides): YAML syntax, duplicate keys,
 * apiVersion/kind checks, schema and API-server value rules. Cross-resource rules are added by the workspace.
 */
export function analyzeFile(file: ParsedFile, resources: readonly Resource[], settings: AnalysisSettings, env: AnalysisEnvironment, role: FileRole): Diagnostic[] {
  if (!settings.validateEnable || role.helmTemplate) return [];
  const out: Diagnostic[] = [];
  if (resources.length > 0 || mentionsKubernetes(file.text)) out.push(...file.syntaxDiagnostics);
  const version = settings.kubernetesVersion;
  const customKinds = env.customKinds ?? NO_CUSTOM_KINDS;
  for (const resource of resources) {
    // Build-tool configuration that is never sent to an API server (kustomization.yaml).
    if (NOT_API_OBJECTS.has(resource.group)) continue;
    const kind = env.schema.checkKind(resource, version, customKinds);
    for (const p of kind.problems) out.push(problemToDiagnostic(resource, p.id, defaultSeverity(p.id), p));
    if (!kind.served) continue;
    for (const p of env.schema.validate(resource, version, { ignoreRequired: role.kustomizePatch })) {
      out.push(problemToDiagnostic(resource, p.id, defaultSeverity(p.id), p));
    }
    runChecks(resource, version, role.kustomizePatch, env.checks, out);
  }
  return out;
}

function runChecks(resource: Resource, version: string, isPatch: boolean, checks: readonly DocumentCheck[], out: Diagnostic[]): void {
  for (const check of checks) {
    if (check.kinds && !check.kinds.includes(resource.kind)) continue;
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
