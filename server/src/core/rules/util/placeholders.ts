import type { CheckContext, DocumentCheck, Problem } from '../check';
import { valueAt } from './kinds';

/**
 * Manifests that are rendered by a tool before they reach the cluster (Helm or Jinja `{{ … }}`,
 * envsubst `${…}`) hold placeholders where the final value will go. The API server never sees them,
 * so judging them only produces noise: problems about such a value or key are dropped.
 */
const PLACEHOLDER = /\{\{[^}]*\}\}|\$\{[^}]*\}/;

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}

function aboutPlaceholder(ctx: CheckContext, problem: Problem): boolean {
  const last = problem.path[problem.path.length - 1];
  if (isPlaceholder(last)) return true;
  return isPlaceholder(valueAt(ctx.resource.object, problem.path));
}

/** Wraps a check so that problems about template placeholders are not reported. */
export function ignoringPlaceholders(check: DocumentCheck): DocumentCheck {
  return {
    ...check,
    check(ctx) {
      check.check({ ...ctx, report: (problem) => (aboutPlaceholder(ctx, problem) ? undefined : ctx.report(problem)) });
    },
  };
}
