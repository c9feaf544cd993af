import type { DocumentCheck } from '../check';
import { isBuiltin, recordItems } from '../util/kinds';
import { closest } from '../util/suggest';

/** Verbs the API server authorizes for resource requests (plus the special verbs of RBAC, PSP and CSRs). */
export const RBAC_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
  'approve',
  'sign',
  '*',
];

/** Non-resource URLs are authorized with the lower-cased HTTP method as the verb. */
const NON_RESOURCE_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', '*'];

export const rbacVerbsCheck: DocumentCheck = {
  id: 'rbac-unknown-verb',
  name: 'rbac-unknown-verb',
  description: 'Role and ClusterRole rules naming a verb no request ever uses (RBAC verbs are case-sensitive), so the rule grants nothing.',
  defaultSeverity: 'warning',
  kinds: ['Role', 'ClusterRole'],
  check(ctx) {
    if (!isBuiltin(ctx.resource, 'Role', 'ClusterRole')) return;
    for (const { item: rule, index } of recordItems(ctx.resource.object, ['rules'])) {
      const nonResource = Array.isArray(rule.nonResourceURLs) && rule.nonResourceURLs.length > 0;
      const resource = Array.isArray(rule.resources) && rule.resources.length > 0;
      const known = new Set(nonResource && !resource ? NON_RESOURCE_VERBS : nonResource ? [...RBAC_VERBS, ...NON_RESOURCE_VERBS] : RBAC_VERBS);
      const verbs = Array.isArray(rule.verbs) ? rule.verbs : [];
      verbs.forEach((verb, i) => {
        if (typeof verb !== 'string' || known.has(verb)) return;
        const suggestion = closest(
          verb,
          [...known].filter((v) => v !== '*'),
        );
        const message = suggestion
          ? `Unknown verb '${verb}'; did you mean '${suggestion}'?`
          : `Unknown verb '${verb}'; no request uses it, so this rule grants nothing for it.`;
        ctx.report({ path: ['rules', index, 'verbs', i], message, suggestion });
      });
    }
  },
};
