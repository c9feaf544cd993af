import {
  containerName,
  containerSecurityContext,
  containerSettingPath,
  forEachContainer,
  packCheck,
  POD_KINDS,
  securityContextFix,
  withFix,
} from './packCheck';

export const noReadOnlyRootFs = packCheck({
  id: 'no-read-only-root-fs',
  title: 'Root filesystem is writable',
  preset: 'security',
  description: "A writable root filesystem lets an attacker change the container's binaries and configuration.",
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      if (containerSecurityContext(c)?.readOnlyRootFilesystem === true) return;
      const name = containerName(c);
      const problem = { path: containerSettingPath(c, 'readOnlyRootFilesystem'), message: `Container '${name}' does not set readOnlyRootFilesystem: true.` };
      ctx.report(withFix(problem, securityContextFix(c, `Set readOnlyRootFilesystem: true on container '${name}'`, 'readOnlyRootFilesystem', 'true')));
    });
  },
});
