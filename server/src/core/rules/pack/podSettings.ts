import { containerName, containerSecurityContext, forEachContainer, packCheck, podSite, POD_KINDS, securityContextFix, withFix } from './packCheck';

export const priorityClassName = packCheck({
  id: 'priority-class-name',
  title: 'Pod has no priorityClassName',
  preset: 'best-practices',
  description: 'Without a priority class the pod gets the default priority and may be preempted before less important work.',
  kinds: POD_KINDS,
  check(ctx) {
    const site = podSite(ctx.resource);
    if (!site || (typeof site.spec.priorityClassName === 'string' && site.spec.priorityClassName !== '')) return;
    ctx.report({ path: site.path, target: 'key', message: 'The pod sets no priorityClassName.' });
  },
});

export const unsafeProcMount = packCheck({
  id: 'unsafe-proc-mount',
  title: 'Container unmasks /proc',
  preset: 'security',
  description: "procMount: Unmasked bypasses the runtime's masking of sensitive /proc paths.",
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      if (containerSecurityContext(c)?.procMount !== 'Unmasked') return;
      const name = containerName(c);
      const problem = { path: [...c.path, 'securityContext', 'procMount'], message: `Container '${name}' sets procMount: Unmasked.` };
      ctx.report(withFix(problem, securityContextFix(c, `Set procMount: Default on container '${name}'`, 'procMount', 'Default')));
    });
  },
});
