import type { AnalysisEnvironment } from '../analysis/analyzeFile';
import { DOCUMENT_CHECKS } from '../rules';
import { PACK_CHECKS } from '../rules/pack';
import { createSchemaChecks, type KubernetesSchemas } from '../schema/kubernetesSchemas';

let shared: KubernetesSchemas | undefined;

/** The schema layer for this process (schemas load lazily per version; validators compile per kind). */
export function sharedSchemas(): KubernetesSchemas {
  shared ??= createSchemaChecks();
  return shared;
}

/** The analysis environment used by the server and the CLI: generated schemas, every document check and the opt-in pack. */
export function createDefaultEnvironment(): AnalysisEnvironment {
  return { schema: sharedSchemas(), checks: [...DOCUMENT_CHECKS, ...PACK_CHECKS] };
}
