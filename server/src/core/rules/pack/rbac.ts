import type { CheckContext } from '../check';
import { recordItems } from '../util/kinds';
import { stringListAt } from './podFields';
import { packCheck } from './packCheck';

const ROLE_KINDS = ['Role', 'ClusterRole'];

/** Rules of a Role/ClusterRole that grant one of `verbs` on one of `resources` of the core group. */
function grantingRules(ctx: CheckContext, resources: readonly string[], verbs: readonly string[]): { index: number; resource: string; verb: string }[] {
  const out: { index: number; resource: string; verb: string }[] = [];
  for (const { item, index } of recordItems(ctx.resource.object, ['rules'])) {
    const groups = stringListAt(item, ['apiGroups']);
    if (!groups.includes('') && !groups.includes('*') && !groups.includes('apps') && !groups.includes('batch')) continue;
    const resource = stringListAt(item, ['resources']).find((r) => r === '*' || resources.includes(r));
    const verb = stringListAt(item, ['verbs']).find((v) => v === '*' || verbs.includes(v));
    if (resource && verb) out.push({ index, resource, verb });
  }
  return out;
}

export const wildcardInRules = packCheck({
  id: 'wildcard-in-rules',
  title: 'Wildcard in RBAC rules',
  preset: 'security',
  description: 'A * grants resources and verbs that do not exist yet (CRDs, later API versions) (CIS 5.1.3).',
  kinds: ROLE_KINDS,
  check(ctx) {
    for (const { item, index } of recordItems(ctx.resource.object, ['rules'])) {
      for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
        const at = stringListAt(item, [field]).indexOf('*');
        if (at >= 0) ctx.report({ path: ['rules', index, field, at], message: `Rule ${index + 1} uses * in ${field}; list what is needed.` });
      }
    }
  },
});

export const accessToSecrets = packCheck({
  id: 'access-to-secrets',
  title: 'Role grants access to Secrets',
  preset: 'security',
  description: 'Reading Secrets is reading every credential of the namespace (CIS 5.1.2).',
  kinds: ROLE_KINDS,
  check(ctx) {
    for (const g of grantingRules(ctx, ['secrets'], ['get', 'list', 'watch', 'create', 'delete'])) {
      ctx.report({
        path: ['rules', g.index, 'resources'],
        target: 'key',
        message: `Rule ${g.index + 1} grants '${g.verb}' on ${g.resource === '*' ? 'all resources, Secrets included' : 'Secrets'}.`,
      });
    }
  },
});

export const accessToCreatePods = packCheck({
  id: 'access-to-create-pods',
  title: 'Role grants creating pods',
  preset: 'security',
  description: 'Whoever can create pods (or workloads) can run anything as any ServiceAccount of the namespace (CIS 5.1.4).',
  kinds: ROLE_KINDS,
  check(ctx) {
    for (const g of grantingRules(ctx, ['pods', 'deployments', 'statefulsets', 'replicasets', 'cronjobs', 'jobs', 'daemonsets'], ['create'])) {
      ctx.report({
        path: ['rules', g.index, 'verbs'],
        target: 'key',
        message: `Rule ${g.index + 1} grants '${g.verb}' on ${g.resource === '*' ? 'all resources' : g.resource}, which lets a subject run pods.`,
      });
    }
  },
});

export const clusterAdminRoleBinding = packCheck({
  id: 'cluster-admin-role-binding',
  title: 'cluster-admin is bound',
  preset: 'security',
  description: 'cluster-admin can do anything anywhere; bind a role with what is needed (CIS 5.1.1).',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  check(ctx) {
    const ref = ctx.resource.object.roleRef;
    if (
      typeof ref === 'object' &&
      ref !== null &&
      (ref as Record<string, unknown>).name === 'cluster-admin' &&
      (ref as Record<string, unknown>).kind === 'ClusterRole'
    ) {
      ctx.report({ path: ['roleRef', 'name'], message: `${ctx.resource.kind} grants cluster-admin to its subjects.` });
    }
  },
});
