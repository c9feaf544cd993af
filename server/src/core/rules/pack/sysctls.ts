import { safeSysctls } from '../../policy/podSecurity/baseline';
import { minorOf } from '../../policy/podSecurity/evaluate';
import { recordItems } from '../util/kinds';
import { packCheck, podSite, POD_KINDS } from './packCheck';

export const unsafeSysctls = packCheck({
  id: 'unsafe-sysctls',
  title: 'Pod sets an unsafe sysctl',
  preset: 'security',
  description: 'Sysctls outside the safe set are not isolated between pods and are refused by kubelets unless allowed.',
  kinds: POD_KINDS,
  check(ctx) {
    const site = podSite(ctx.resource);
    if (!site) return;
    const safe = safeSysctls(minorOf(ctx.kubernetesVersion));
    for (const { item, index } of recordItems(site.spec, ['securityContext', 'sysctls'])) {
      if (typeof item.name !== 'string' || safe.has(item.name)) continue;
      ctx.report({
        path: [...site.path, 'securityContext', 'sysctls', index, 'name'],
        message: `Sysctl '${item.name}' is not in Kubernetes' safe set: kubelets refuse it unless allowed with --allowed-unsafe-sysctls.`,
      });
    }
  },
});
