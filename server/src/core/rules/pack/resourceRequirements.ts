import type { CheckContext } from '../check';
import { recordAt } from '../util/kinds';
import { containerName, forEachContainer, packCheck, POD_KINDS } from './packCheck';

/** Reports each container without a request and without a limit for `resource` (kube-linter: requirementsType any). */
function checkRequirements(ctx: CheckContext, resource: 'cpu' | 'memory', label: string): void {
  forEachContainer(ctx, 'regular-and-init', (c) => {
    const resources = recordAt(c.container, ['resources']);
    for (const kind of ['requests', 'limits'] as const) {
      const value = recordAt(resources, [kind])?.[resource];
      if (value !== undefined && value !== null && value !== 0 && value !== '0') continue;
      const path = resources ? [...c.path, 'resources'] : [...c.path, 'name'];
      ctx.report({ path, target: 'key', message: `Container '${containerName(c)}' has no ${label} ${kind === 'requests' ? 'request' : 'limit'}.` });
    }
  });
}

export const unsetCpuRequirements = packCheck({
  id: 'unset-cpu-requirements',
  title: 'Container has no CPU request or limit',
  preset: 'best-practices',
  description: 'Without a CPU request the scheduler cannot place the pod by need; without a limit it can starve its neighbours.',
  kinds: POD_KINDS,
  check: (ctx) => checkRequirements(ctx, 'cpu', 'CPU'),
});

export const unsetMemoryRequirements = packCheck({
  id: 'unset-memory-requirements',
  title: 'Container has no memory request or limit',
  preset: 'best-practices',
  description: 'Without a memory request the pod is placed blindly; without a limit one leak can take the node down.',
  kinds: POD_KINDS,
  check: (ctx) => checkRequirements(ctx, 'memory', 'memory'),
});
