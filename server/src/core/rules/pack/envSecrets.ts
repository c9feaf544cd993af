import { recordAt, recordItems } from '../util/kinds';
import { containerName, forEachContainer, packCheck, POD_KINDS } from './packCheck';

export const envVarSecret = packCheck({
  id: 'env-var-secret',
  title: 'A secret is written in an environment variable',
  preset: 'security',
  description: 'A literal secret in a manifest is readable by everyone who can read the workload.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      for (const { item, index } of recordItems(c.container, ['env'])) {
        if (typeof item.name !== 'string' || !/secret/i.test(item.name) || typeof item.value !== 'string' || item.value === '') continue;
        ctx.report({
          path: [...c.path, 'env', index, 'value'],
          message: `Container '${containerName(c)}': environment variable ${item.name} holds a literal secret; use a Secret (secretKeyRef) or a mounted file.`,
        });
      }
    });
  },
});

export const readSecretFromEnvVar = packCheck({
  id: 'read-secret-from-env-var',
  title: 'A Secret is read through an environment variable',
  preset: 'security',
  description: 'Environment variables leak into logs, crash dumps and child processes; mount secrets as files (CIS 5.4.1).',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      const name = containerName(c);
      for (const { item, index } of recordItems(c.container, ['env'])) {
        const ref = recordAt(item, ['valueFrom', 'secretKeyRef']);
        if (ref)
          ctx.report({
            path: [...c.path, 'env', index, 'valueFrom', 'secretKeyRef'],
            target: 'key',
            message: `Container '${name}' reads Secret '${String(ref.name ?? '')}' into environment variable ${String(item.name ?? '')}; prefer a mounted secret file.`,
          });
      }
      for (const { item, index } of recordItems(c.container, ['envFrom'])) {
        const ref = recordAt(item, ['secretRef']);
        if (ref)
          ctx.report({
            path: [...c.path, 'envFrom', index, 'secretRef'],
            target: 'key',
            message: `Container '${name}' reads Secret '${String(ref.name ?? '')}' into environment variables; prefer a mounted secret file.`,
          });
      }
    });
  },
});
