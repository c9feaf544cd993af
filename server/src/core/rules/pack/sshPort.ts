import { recordItems } from '../util/kinds';
import { containerName, forEachContainer, packCheck, POD_KINDS } from './packCheck';

export const sshPort = packCheck({
  id: 'ssh-port',
  title: 'Container exposes port 22',
  preset: 'security',
  description: 'Port 22 is SSH; an SSH server in a container is an unvetted way in.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      for (const { item, index } of recordItems(c.container, ['ports'])) {
        if (item.containerPort !== 22 || (item.protocol !== undefined && item.protocol !== 'TCP')) continue;
        ctx.report({ path: [...c.path, 'ports', index, 'containerPort'], message: `Container '${containerName(c)}' exposes port 22 (SSH).` });
      }
    });
  },
});
