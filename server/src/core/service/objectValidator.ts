import { analyzeFile, type AnalysisEnvironment } from '../analysis/analyzeFile';
import { PLAIN_FILE } from '../analysis/fileRole';
import type { AnalysisSettings } from '../analysis/settings';
import { fieldPath } from '../model/locate';
import { resourcesOf } from '../model/resource';
import { parseFile } from '../parse/parseFile';
import type { Diagnostic } from '../types';

export type ObjectVerdict = { ok: true } | { ok: false; message: string };

/** The rule ids an API server enforces on create/update (the others are advice). */
const REJECTING_RULES = new Set(['schema', 'invalid-value', 'unknown-kind', 'removed-api', 'selector-mismatch']);

/** `spec.replicas: expected integer, got string`: schema messages get the field path the API server prints. */
export function apiServerMessage(d: Diagnostic): string {
  if (d.code !== 'schema') return d.message; // the value rules already write the path
  const path = Array.isArray(d.data?.path) ? fieldPath(d.data.path as (string | number)[]) : '';
  return path ? `${path}: ${d.message}` : d.message;
}

/** `The Deployment "api" is invalid: spec.replicas: …; …` for the errors an API server would reject. */
export function rejectionMessage(kind: string, apiVersion: string, name: string | undefined, errors: readonly Diagnostic[]): string {
  const unserved = errors.find((d) => d.code === 'unknown-kind' || d.code === 'removed-api');
  if (unserved) return `no matches for kind "${kind}" in version "${apiVersion}": ${unserved.message}`;
  return `The ${kind} "${name ?? ''}" is invalid: ${errors.map(apiServerMessage).join('; ')}`;
}

export function rejectingErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' && REJECTING_RULES.has(d.code));
}

/**
 * Validates a plain object the way the API server would before storing it: the language core's schema
 * and value rules, for the simulated cluster. Nothing about ranges matters here, only the verdict.
 */
export function createObjectValidator(env: AnalysisEnvironment, settings: AnalysisSettings): (object: unknown) => ObjectVerdict {
  return (object) => {
    let text: string;
    try {
      text = JSON.stringify(object);
    } catch {
      return { ok: false, message: 'the object cannot be encoded as JSON' };
    }
    const file = parseFile('memory:object.json', text);
    const resources = resourcesOf(file);
    if (resources.length !== 1) return { ok: false, message: 'Object \'Kind\' is missing in the request: apiVersion and kind are required' };
    const errors = rejectingErrors(analyzeFile(file, resources, settings, env, PLAIN_FILE));
    if (errors.length === 0) return { ok: true };
    return { ok: false, message: rejectionMessage(resources[0].kind, resources[0].apiVersion, resources[0].name, errors) };
  };
}
