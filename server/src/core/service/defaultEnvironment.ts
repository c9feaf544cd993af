import type { AnalysisEnvironment } from '../analysis/analyzeFile';
import type { SchemaChecks } from '../schema/schemaChecks';

/** Placeholder until the schema layer is wired: no kind or schema problems. */
const NO_SCHEMA: SchemaChecks = {
  checkKind: () => ({ served: true, problems: [] }),
  validate: () => [],
};

/** The analysis environment used by the server and the CLI: generated schemas and every document check. */
export function createDefaultEnvironment(): AnalysisEnvironment {
  return { schema: NO_SCHEMA, checks: [] };
}
