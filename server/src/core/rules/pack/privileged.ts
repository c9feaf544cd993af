import { stringListAt } from './podFields';
import { containerName, containerSecurityContext, forEachContainer, packCheck, POD_KINDS, securityContextFix, withFix } from './packCheck';

export const privilegedContainer = packCheck({
  id: 'privileged-container',
  title: 'Container runs privileged',
  preset: 'security',
  description: 'A privileged container has every capability and all host devices: it is root on the node.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      if (containerSecurityContext(c)?.privileged !== true) return;
      const name = containerName(c);
      const problem = { path: [...c.path, 'securityContext', 'privileged'], message: `Container '${name}' runs in privileged mode.` };
      ctx.report(withFix(problem, securityContextFix(c, `Set privileged: false on container '${name}'`, 'privileged', 'false')));
    });
  },
});

export const privilegeEscalationContainer = packCheck({
  id: 'privilege-escalation-container',
  title: 'Container allows privilege escalation',
  preset: 'security',
  description: 'Processes that may gain more privileges than their parent (setuid binaries) widen what an attacker can do.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      const sc = containerSecurityContext(c);
      const name = containerName(c);
      if (sc?.allowPrivilegeEscalation === true) {
        const problem = {
          path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'],
          message: `Container '${name}' sets allowPrivilegeEscalation: true.`,
        };
        ctx.report(withFix(problem, securityContextFix(c, `Set allowPrivilegeEscalation: false on container '${name}'`, 'allowPrivilegeEscalation', 'false')));
        return;
      }
      if (sc?.allowPrivilegeEscalation === false) return;
      const adds = stringListAt(sc, ['capabilities', 'add']);
      if (sc?.privileged === true || adds.includes('SYS_ADMIN') || adds.includes('CAP_SYS_ADMIN')) {
        const why = sc?.privileged === true ? 'is privileged' : 'adds SYS_ADMIN';
        ctx.report({ path: [...c.path, 'securityContext'], target: 'key', message: `Container '${name}' ${why}, which always allows privilege escalation.` });
      }
    });
  },
});
