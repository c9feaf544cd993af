import { containerName, containerSettingPath, effectiveSetting, forEachContainer, packCheck, POD_KINDS, securityContextFix, withFix } from './packCheck';

export const runAsNonRoot = packCheck({
  id: 'run-as-non-root',
  title: 'Container may run as root',
  preset: 'security',
  description: 'A process running as root in the container is root on the host after a container escape.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c, site) => {
      const name = containerName(c);
      const user = effectiveSetting(site, c, 'runAsUser');
      const nonRoot = effectiveSetting(site, c, 'runAsNonRoot');
      if (user === 0) {
        ctx.report({ path: containerSettingPath(c, 'runAsUser'), message: `Container '${name}' runs as user 0 (root).` });
      } else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) {
        const problem = {
          path: containerSettingPath(c, 'runAsNonRoot'),
          message: `Container '${name}' is not set to runAsNonRoot and has no non-zero runAsUser.`,
        };
        ctx.report(withFix(problem, securityContextFix(c, `Set runAsNonRoot: true on container '${name}'`, 'runAsNonRoot', 'true')));
      }
      if (effectiveSetting(site, c, 'runAsGroup') === 0) {
        ctx.report({ path: containerSettingPath(c, 'runAsGroup'), message: `Container '${name}' runs with the root group (runAsGroup 0).` });
      }
    });
  },
});
