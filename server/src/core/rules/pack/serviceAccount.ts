import { packCheck, podSite, POD_KINDS } from './packCheck';

export const defaultServiceAccount = packCheck({
  id: 'default-service-account',
  title: 'Pod uses the default ServiceAccount',
  preset: 'security',
  description: "Pods sharing the namespace's default ServiceAccount share its permissions; give each workload its own.",
  kinds: POD_KINDS,
  check(ctx) {
    const site = podSite(ctx.resource);
    if (!site) return;
    const name = site.spec.serviceAccountName ?? site.spec.serviceAccount;
    if (name !== undefined && name !== '' && name !== 'default') return;
    const path =
      site.spec.serviceAccountName !== undefined
        ? [...site.path, 'serviceAccountName']
        : site.spec.serviceAccount !== undefined
          ? [...site.path, 'serviceAccount']
          : site.path;
    ctx.report({ path, target: 'key', message: "The pod runs as the namespace's default ServiceAccount; create a dedicated one and set serviceAccountName." });
  },
});

export const deprecatedServiceAccountField = packCheck({
  id: 'deprecated-service-account-field',
  title: 'Uses the deprecated serviceAccount field',
  preset: 'best-practices',
  description: 'serviceAccount is a deprecated alias of serviceAccountName.',
  kinds: POD_KINDS,
  check(ctx) {
    const site = podSite(ctx.resource);
    const old = site?.spec.serviceAccount;
    if (!site || old === undefined) return;
    const current = site.spec.serviceAccountName;
    if (current !== undefined && current !== old) {
      ctx.report({
        path: [...site.path, 'serviceAccount'],
        target: 'key',
        message: `serviceAccount is deprecated and disagrees with serviceAccountName ('${String(old)}' vs '${String(current)}').`,
      });
      return;
    }
    ctx.report({ path: [...site.path, 'serviceAccount'], target: 'key', message: 'serviceAccount is deprecated; use serviceAccountName.' });
  },
});
