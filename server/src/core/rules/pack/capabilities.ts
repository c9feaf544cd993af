import { stringListAt } from './podFields';
import { containerName, containerSecurityContext, forEachContainer, packCheck, POD_KINDS } from './packCheck';

export const dropNetRawCapability = packCheck({
  id: 'drop-net-raw-capability',
  title: 'Container does not drop NET_RAW',
  preset: 'security',
  description: 'NET_RAW lets a process craft raw packets (spoofing, ARP and DNS attacks inside the cluster network).',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      const sc = containerSecurityContext(c);
      const name = containerName(c);
      const adds = stringListAt(sc, ['capabilities', 'add']);
      const addIndex = adds.findIndex((cap) => cap === 'NET_RAW' || cap === 'CAP_NET_RAW' || cap === 'ALL');
      if (addIndex >= 0) {
        ctx.report({
          path: [...c.path, 'securityContext', 'capabilities', 'add', addIndex],
          message: `Container '${name}' adds ${adds[addIndex]}, which includes NET_RAW.`,
        });
        return;
      }
      const drops = stringListAt(sc, ['capabilities', 'drop']);
      if (drops.some((cap) => cap === 'NET_RAW' || cap === 'CAP_NET_RAW' || cap === 'ALL')) return;
      const capabilities = sc?.capabilities;
      const problem = {
        path: sc ? [...c.path, 'securityContext'] : [...c.path, 'name'],
        target: 'key' as const,
        message: `Container '${name}' does not drop the NET_RAW capability.`,
      };
      if (capabilities === undefined) {
        ctx.report({
          ...problem,
          data: {
            fix: {
              title: `Drop ALL capabilities in container '${name}'`,
              edits: [{ path: [...c.path, 'securityContext'], entries: [['capabilities', '{drop: [ALL]}']] }],
            },
          },
        });
      } else ctx.report(problem);
    });
  },
});
