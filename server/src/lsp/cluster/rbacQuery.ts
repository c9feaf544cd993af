import type { Cluster } from '../../sim/cluster';
import type { AccessDecision } from '../../sim/query/rbac';
import type { KObject } from '../../sim/types';
import type { CanIParams } from '../protocol';

/** The user name a Group subject is checked as: it matches no User binding, only the group. */
const GROUP_PROBE_USER = 'shipshape:group-member';

/** How the authorizer sees a subject (kubectl auth can-i --as / --as-group). */
export function subjectIdentity(params: CanIParams): { user: string; groups: string[] } {
  const { subject } = params;
  switch (subject.kind) {
    case 'User':
      return { user: subject.name, groups: [] };
    case 'Group':
      return { user: GROUP_PROBE_USER, groups: [subject.name] };
    case 'ServiceAccount':
      return { user: `system:serviceaccount:${subject.namespace ?? params.namespace ?? 'default'}:${subject.name}`, groups: [] };
  }
}

interface RoleRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** The decision's reason, plus the deciding rule and any bindings whose role is missing. */
export function explainDecision(cluster: Cluster, params: CanIParams, user: string, decision: AccessDecision): string {
  let reason = decision.reason;
  if (params.subject.kind === 'Group') reason = reason.replace(`User "${user}"`, `Group "${params.subject.name}"`);
  if (decision.allowed && decision.role && decision.ruleIndex !== undefined) {
    const role = cluster.get<KObject & { rules?: RoleRule[] }>(decision.role.kind, decision.binding?.namespace, decision.role.name);
    const rule = role?.rules?.[decision.ruleIndex];
    if (rule) reason += `, rule ${decision.ruleIndex + 1}: ${ruleText(rule)}`;
  }
  if (decision.errors.length > 0) reason += ` (also: ${decision.errors.join('; ')})`;
  return reason;
}

function ruleText(rule: RoleRule): string {
  const list = (name: string, values: string[] | undefined): string | undefined =>
    values && values.length > 0 ? `${name} [${values.map((v) => (v === '' ? '""' : v)).join(', ')}]` : undefined;
  return [list('verbs', rule.verbs), list('apiGroups', rule.apiGroups), list('resources', rule.resources), list('resourceNames', rule.resourceNames)]
    .filter(Boolean)
    .join(', ');
}
