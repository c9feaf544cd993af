/**
 * duplicate-env: two env entries with the same name in one container. The later one wins in the
 * container, but `kubectl apply` merges env by name, so one of the definitions may be dropped on the
 * next apply. The API server warns with the message used here (the same cases: an entry that
 * refers to the earlier value with `$(NAME)` and adds to it is not reported).
 */
import type { DocumentCheck } from '../check';
import { fieldPath } from '../../model/locate';
import { recordItems } from '../util/kinds';
import { containersOf, podSpecOf } from '../util/podSpecs';

/** An entry that extends the earlier value ("$(PATH):/extra") is deliberate; the API server does not warn. */
function extendsEarlier(entry: Record<string, unknown>, name: string): boolean {
  const reference = `$(${name})`;
  const value = typeof entry.value === 'string' ? entry.value : '';
  return entry.valueFrom === undefined && value !== reference && value.includes(reference);
}

export const duplicateEnvCheck: DocumentCheck = {
  id: 'duplicate-env',
  name: 'duplicate-env',
  description: 'Two env entries with the same name in one container: one hides the other, and apply may drop it.',
  defaultSeverity: 'warning',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    for (const c of containersOf(site)) {
      const seen = new Set<string>();
      for (const { item, index } of recordItems(c.container, ['env'])) {
        const name = item.name;
        if (typeof name !== 'string' || name === '') continue;
        if (!seen.has(name)) {
          seen.add(name);
          continue;
        }
        if (extendsEarlier(item, name)) continue;
        const at = [...c.path, 'env', index];
        ctx.report({
          path: [...at, 'name'],
          message: `${fieldPath(at)}: hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`,
        });
      }
    }
  },
};
