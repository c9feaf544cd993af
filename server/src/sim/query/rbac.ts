import type { ObjectStore } from '../store/store';
import type { KObject } from '../types';

interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}
type Binding = KObject & { subjects?: Subject[]; roleRef: { kind: string; name: string; apiGroup?: string } };
type Role = KObject & { rules?: Rule[] };

export interface AccessRequest {
  user: string;
  groups?: string[];
  verb: string;
  /** "pods", "deployments", "pods/log"… */
  resource?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
  /** For non-resource requests ("/healthz"). */
  path?: string;
}

export interface AccessDecision {
  allowed: boolean;
  /** "RBAC: allowed by RoleBinding "x/ns" of Role "y" to User "u"", or the 403 message. */
  reason: string;
  binding?: { kind: string; name: string; namespace?: string };
  role?: { kind: string; name: string };
  ruleIndex?: number;
  /** Bindings whose role does not exist (reported, evaluation continues). */
  errors: string[];
}

/** Every authenticated user is in system:authenticated; service accounts get their groups. */
function groupsOf(req: AccessRequest): string[] {
  const groups = new Set(req.groups ?? []);
  groups.add('system:authenticated');
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(req.user);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa[1]}`);
  }
  return [...groups];
}

function appliesTo(subject: Subject, req: AccessRequest, groups: string[], bindingNamespace?: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === req.user;
    case 'Group':
      return groups.includes(subject.name);
    case 'ServiceAccount':
      return req.user === `system:serviceaccount:${subject.namespace ?? bindingNamespace}:${subject.name}`;
    default:
      return false;
  }
}

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

/** RuleAllows (rbac/v1 evaluation helpers). */
export function ruleAllows(rule: Rule, req: AccessRequest): boolean {
  if (!has(rule.verbs, req.verb)) return false;
  if (req.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === req.path || (u.endsWith('*') && req.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, req.apiGroup ?? '')) return false;
  const resource = req.resource ?? '';
  const [, sub] = resource.split('/');
  const resources = rule.resources ?? [];
  const resourceOk = resources.includes('*') || resources.includes(resource) || (sub !== undefined && resources.includes(`*/${sub}`));
  if (!resourceOk) return false;

  return !rule.resourceNames || rule.resourceNames.length === 0 || (req.name !== undefined && rule.resourceNames.includes(req.name));
}

/**
 * "Can subject S do verb V on resource R in namespace N?" with the RBAC authorizer's union semantics:
 * ClusterRoleBindings first, then RoleBindings of the namespace. The first allowing rule is reported.
 * Built in: the cluster-admin ClusterRole bound to the system:masters group.
 */
export function canI(store: ObjectStore, req: AccessRequest): AccessDecision {
  const groups = groupsOf(req);
  const errors: string[] = [];
  if (groups.includes('system:masters')) {
    return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"', binding: { kind: 'ClusterRoleBinding', name: 'cluster-admin' }, role: { kind: 'ClusterRole', name: 'cluster-admin' }, ruleIndex: 0, errors };
  }
  const check = (binding: Binding, namespace?: string): AccessDecision | undefined => {
    const subject = (binding.subjects ?? []).find((s) => appliesTo(s, req, groups, binding.metadata.namespace));
    if (!subject) return undefined;
    const role = binding.roleRef.kind === 'ClusterRole' ? store.get<Role>('ClusterRole', undefined, binding.roleRef.name) : store.get<Role>('Role', namespace, binding.roleRef.name);
    if (!role) {
      errors.push(`${binding.roleRef.kind.toLowerCase()}.rbac.authorization.k8s.io "${binding.roleRef.name}" not found`);
      return undefined;
    }
    const index = (role.rules ?? []).findIndex((r) => ruleAllows(r, req));
    if (index < 0) return undefined;
    const where = binding.kind === 'RoleBinding' ? `"${binding.metadata.name}/${binding.metadata.namespace}"` : `"${binding.metadata.name}"`;
    return {
      allowed: true,
      reason: `RBAC: allowed by ${binding.kind} ${where} of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${subject.kind} "${subject.name}"`,
      binding: { kind: binding.kind, name: binding.metadata.name, namespace: binding.metadata.namespace },
      role: { kind: binding.roleRef.kind, name: binding.roleRef.name },
      ruleIndex: index,
      errors,
    };
  };
  for (const b of store.list<Binding>('ClusterRoleBinding')) {
    const d = check(b);
    if (d) return d;
  }
  if (req.namespace) {
    for (const b of store.list<Binding>('RoleBinding', req.namespace)) {
      const d = check(b, req.namespace);
      if (d) return d;
    }
  }
  return { allowed: false, reason: forbiddenMessage(req), errors };
}

/** The API server's 403 text. */
export function forbiddenMessage(req: AccessRequest): string {
  if (req.path !== undefined) return `User "${req.user}" cannot ${req.verb} path "${req.path}"`;
  const where = req.namespace ? `in the namespace "${req.namespace}"` : 'at the cluster scope';
  return `User "${req.user}" cannot ${req.verb} resource "${req.resource}" in API group "${req.apiGroup ?? ''}" ${where}`;
}
