/** The RBAC "can-i" box: subject, verb, resource, namespace → yes/no and why. */
import type { CanIParams } from '../../../../server/src/lsp/protocol';
import { attrs, esc } from './html';

export interface CanIForm {
  subjectKind: 'User' | 'Group' | 'ServiceAccount';
  subjectName: string;
  subjectNamespace: string;
  verb: string;
  resource: string;
  namespace: string;
}

export type CanIAnswer =
  { state: 'idle' } | { state: 'asking' } | { state: 'answered'; allowed: boolean; reason: string; question: string } | { state: 'error'; message: string };

export const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*'];
export const RESOURCES = [
  'pods',
  'pods/log',
  'pods/exec',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'endpoints',
  'ingresses',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'persistentvolumes',
  'nodes',
  'namespaces',
  'serviceaccounts',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'events',
  'horizontalpodautoscalers',
];

/** API groups of the resources people ask about (what `kubectl auth can-i` finds through discovery). */
const RESOURCE_GROUPS: Record<string, string> = {
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  ingresses: 'networking.k8s.io',
  ingressclasses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  horizontalpodautoscalers: 'autoscaling',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  endpointslices: 'discovery.k8s.io',
  storageclasses: 'storage.k8s.io',
  poddisruptionbudgets: 'policy',
};

/** "deployments" → apps/deployments; "deployments.apps" names the group itself; core resources have group "". */
export function resourceGroup(resource: string): { resource: string; group: string } {
  const dot = resource.indexOf('.');
  if (dot > 0) return { resource: resource.slice(0, dot), group: resource.slice(dot + 1) };
  if (resource === '*') return { resource, group: '*' };
  return { resource, group: RESOURCE_GROUPS[resource] ?? '' };
}

export const DEFAULT_CAN_I: CanIForm = {
  subjectKind: 'ServiceAccount',
  subjectName: 'default',
  subjectNamespace: 'default',
  verb: 'get',
  resource: 'pods',
  namespace: 'default',
};

/** The form; `serviceAccounts` ("namespace/name") fill the subject suggestions. */
export function renderCanIForm(form: CanIForm, serviceAccounts: string[]): string {
  const kinds = (['User', 'Group', 'ServiceAccount'] as const)
    .map((k) => `<option${attrs({ value: k, selected: k === form.subjectKind })}>${k}</option>`)
    .join('');
  const verbs = VERBS.map((v) => `<option${attrs({ value: v, selected: v === form.verb })}>${esc(v)}</option>`).join('');
  const resources = RESOURCES.map((r) => `<option value="${esc(r)}"></option>`).join('');
  const accounts = [...new Set(serviceAccounts.map((sa) => sa.split('/')[1]))].map((name) => `<option value="${esc(name)}"></option>`).join('');
  return `<form id="can-i" class="can-i" data-testid="can-i" aria-label="Can I">
<fieldset><legend>Subject</legend>
<label>Kind <select name="subjectKind" data-testid="can-i-subject-kind">${kinds}</select></label>
<label>Name <input name="subjectName" required list="can-i-accounts" data-testid="can-i-subject-name"${attrs({ value: form.subjectName })}></label>
<label>Namespace <input name="subjectNamespace" placeholder="service accounts only" data-testid="can-i-subject-namespace"${attrs({ value: form.subjectNamespace })}></label>
</fieldset>
<fieldset><legend>Request</legend>
<label>Verb <select name="verb" data-testid="can-i-verb">${verbs}</select></label>
<label>Resource <input name="resource" required list="can-i-resources" data-testid="can-i-resource"${attrs({ value: form.resource })}></label>
<label>Namespace <input name="namespace" placeholder="cluster-wide when empty" data-testid="can-i-namespace"${attrs({ value: form.namespace })}></label>
</fieldset>
<button type="submit" class="primary" data-testid="can-i-submit">Check</button>
<datalist id="can-i-resources">${resources}</datalist><datalist id="can-i-accounts">${accounts}</datalist>
</form>
<div id="can-i-result" class="can-i-result" data-testid="can-i-result" role="status" aria-live="polite"></div>`;
}

export function renderCanIAnswer(answer: CanIAnswer): string {
  switch (answer.state) {
    case 'idle':
      return '';
    case 'asking':
      return '<p class="empty">Asking…</p>';
    case 'error':
      return `<p class="answer tone-error" data-answer="error">${esc(answer.message)}</p>`;
    case 'answered':
      return `<p class="answer ${answer.allowed ? 'tone-ok' : 'tone-error'}"${attrs({ 'data-answer': answer.allowed ? 'yes' : 'no' })}><strong class="verdict">${answer.allowed ? 'yes' : 'no'}</strong> <span class="question">${esc(answer.question)}</span></p><p class="reason">${esc(answer.reason)}</p>`;
  }
}

/**
 * Request parameters from the form, or a reason it is incomplete. Resources written as
 * "pods/log" become resource + subresource.
 */
export function canIParams(form: CanIForm): { ok: true; params: CanIParams; question: string } | { ok: false; error: string } {
  const name = form.subjectName.trim();
  if (!name) return { ok: false, error: 'Enter the subject’s name.' };
  const subjectNamespace = form.subjectNamespace.trim();
  if (form.subjectKind === 'ServiceAccount' && !subjectNamespace) return { ok: false, error: 'A service account needs its namespace.' };
  const [written, subresource] = form.resource.trim().split('/', 2);
  if (!written) return { ok: false, error: 'Enter a resource, for example "pods".' };
  const { resource, group } = resourceGroup(written);
  const namespace = form.namespace.trim();
  const subject: CanIParams['subject'] =
    form.subjectKind === 'ServiceAccount' ? { kind: form.subjectKind, name, namespace: subjectNamespace } : { kind: form.subjectKind, name };
  const params: CanIParams = { subject, verb: form.verb, resource, group, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) };
  const who = form.subjectKind === 'ServiceAccount' ? `system:serviceaccount:${subjectNamespace}:${name}` : `${form.subjectKind.toLowerCase()} ${name}`;
  return { ok: true, params, question: `Can ${who} ${form.verb} ${form.resource.trim()}${namespace ? ` in namespace ${namespace}` : ' cluster-wide'}?` };
}
