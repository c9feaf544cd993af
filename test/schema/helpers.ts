import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resourceRange, resourcesOf, type Resource } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { createSchemaChecks, type KubernetesSchemas } from '../../server/src/core/schema/kubernetesSchemas';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import { NO_CUSTOM_KINDS, type CustomKindRegistry, type RuleProblem } from '../../server/src/core/schema/schemaChecks';
import type { Range } from '../../server/src/core/types';

export const SCHEMA_DIR = findSchemaDir(__dirname);

/** Fails with instructions when the generated schemas are missing. */
export function requireGeneratedSchemas(): void {
  for (const version of ['1.25', '1.36']) {
    const index = join(SCHEMA_DIR, `v${version}`, 'index.json');
    if (!existsSync(index)) throw new Error(`Generated schemas are missing (${index}). Run \`npm run schemas\` before the tests.`);
  }
  if (!existsSync(join(SCHEMA_DIR, 'index.json'))) throw new Error('schemas/index.json is missing. Run `npm run schemas` before the tests.');
}

requireGeneratedSchemas();

export const schemas: KubernetesSchemas = createSchemaChecks(SCHEMA_DIR);

export function resourcesFromYaml(text: string): Resource[] {
  return resourcesOf(parseFile('file:///test.yaml', text));
}

export function resourceFromYaml(text: string): Resource {
  const [resource] = resourcesFromYaml(text);
  if (!resource) throw new Error('the YAML holds no resource');
  return resource;
}

export interface Located extends RuleProblem {
  range: Range;
}

function locateAll(resource: Resource, problems: RuleProblem[]): Located[] {
  return problems.map((p) => ({ ...p, range: resourceRange(resource, p.path, p.target ?? 'value') }));
}

/** Runs checkKind and (when served) validate, like the analysis pipeline does. */
export function check(text: string, version = '1.36', options: { ignoreRequired?: boolean; customKinds?: CustomKindRegistry } = {}): Located[] {
  const resource = resourceFromYaml(text);
  const kind = schemas.checkKind(resource, version, options.customKinds ?? NO_CUSTOM_KINDS);
  const problems = [...kind.problems];
  if (kind.served) problems.push(...schemas.validate(resource, version, { ignoreRequired: options.ignoreRequired ?? false }));
  return locateAll(resource, problems);
}

/** "line:character-line:character", 0-based like LSP. */
export function rangeText(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
