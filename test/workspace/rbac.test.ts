import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, ofRule, workspaceOf } from './helpers';

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, roleName: string, subjects = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: b
${kind === 'RoleBinding' ? '  namespace: team\n' : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${roleKind}
  name: ${roleName}
subjects:
${subjects || '  - kind: User\n    name: jane\n    apiGroup: rbac.authorization.k8s.io\n'}`;

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, namespace = 'team') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${kind === 'Role' ? `  namespace: ${namespace}\n` : ''}rules:
${rules}`;

describe('missing-role', () => {
  it('resolves a RoleBinding to a Role in its own namespace only', () => {
    const ws = workspaceOf({ 'r.yaml': role('Role', 'reader', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n', 'other'), 'b.yaml': binding('RoleBinding', 'Role', 'reader') });
    const [d] = ofRule(ws, 'b.yaml', 'missing-role');
    assert.match(d.message, /^Role 'reader' is not defined in namespace 'team' in this workspace \(referenced by roleRef\)\. A Role with this name exists in namespace 'other'/);
    assert.equal(at(d), '9:8-9:14');
    const ok = workspaceOf({ 'r.yaml': role('Role', 'reader', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n'), 'b.yaml': binding('RoleBinding', 'Role', 'reader') });
    assert.deepEqual(ofRule(ok, 'b.yaml', 'missing-role'), []);
  });

  it('resolves ClusterRoles cluster-wide, including the built-in ones', () => {
    const ws = workspaceOf({
      'cr.yaml': role('ClusterRole', 'metrics', '  - apiGroups: [""]\n    resources: [nodes]\n    verbs: [get]\n'),
      'a.yaml': binding('RoleBinding', 'ClusterRole', 'metrics'),
      'b.yaml': binding('ClusterRoleBinding', 'ClusterRole', 'metrcs'),
      'c.yaml': binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin'),
      'd.yaml': binding('RoleBinding', 'ClusterRole', 'view'),
      'e.yaml': binding('ClusterRoleBinding', 'ClusterRole', 'system:auth-delegator'),
    });
    assert.deepEqual(ofRule(ws, 'a.yaml', 'missing-role'), []);
    const [d] = ofRule(ws, 'b.yaml', 'missing-role');
    assert.equal(d.message, "ClusterRole 'metrcs' is not defined in this workspace (referenced by roleRef). Did you mean 'metrics'?");
    for (const f of ['c.yaml', 'd.yaml', 'e.yaml']) assert.deepEqual(ofRule(ws, f, 'missing-role'), [], f);
  });

  it('rejects a ClusterRoleBinding to a Role', () => {
    const ws = workspaceOf({ 'b.yaml': binding('ClusterRoleBinding', 'Role', 'reader') });
    const [d, ...rest] = ofRule(ws, 'b.yaml', 'missing-role');
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'A ClusterRoleBinding can only refer to a ClusterRole; roleRef.kind is Role, which the API server rejects.');
    assert.equal(at(d), '7:8-7:12');
    assert.equal(d.data?.suggestion, 'ClusterRole');
  });

  it('accepts the kube-system roles Kubernetes creates', () => {
    const b = binding('RoleBinding', 'Role', 'extension-apiserver-authentication-reader').replace('namespace: team', 'namespace: kube-system');
    assert.deepEqual(ofRule(workspaceOf({ 'b.yaml': b }), 'b.yaml', 'missing-role'), []);
  });
});

describe('missing-service-account (RBAC subjects)', () => {
  it('defaults a RoleBinding subject namespace to the binding namespace, and honours an explicit one', () => {
    const subjects = '  - kind: ServiceAccount\n    name: builder\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\n  - kind: ServiceAccount\n    name: default\n    namespace: ci\n';
    const ws = workspaceOf({
      'b.yaml': binding('RoleBinding', 'ClusterRole', 'edit', subjects),
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n',
    });
    const ds = ofRule(ws, 'b.yaml', 'missing-service-account');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].message, "ServiceAccount 'builder' is not defined in namespace 'team' in this workspace (referenced by subject).");
    assert.equal(at(ds[0]), '12:10-12:17');
  });

  it('checks ClusterRoleBinding ServiceAccount subjects in their namespace', () => {
    const subjects = '  - kind: ServiceAccount\n    name: agent\n    namespace: monitoring\n';
    const ws = workspaceOf({ 'b.yaml': binding('ClusterRoleBinding', 'ClusterRole', 'view', subjects) });
    assert.equal(ofRule(ws, 'b.yaml', 'missing-service-account')[0].message, "ServiceAccount 'agent' is not defined in namespace 'monitoring' in this workspace (referenced by subject).");
  });
});

describe('rbac-unknown-resource', () => {
  const rules = (apiGroups: string, resources: string) => `  - apiGroups: ${apiGroups}\n    resources: ${resources}\n    verbs: [get, list]\n`;

  it('flags a resource under the wrong group and names the right one', () => {
    const ws = workspaceOf({ 'r.yaml': role('Role', 'r', rules('[""]', '[pods, deployments]')) });
    const [d, ...rest] = ofRule(ws, 'r.yaml', 'rbac-unknown-resource');
    assert.equal(rest.length, 0);
    assert.equal(d.message, "'deployments' is not served by the core API group; it is in 'apps'.");
    assert.equal(at(d), '8:22-8:33');
    assert.deepEqual(d.data?.suggestedGroups, ['apps']);
  });

  it('accepts a resource when any listed group serves it, and wildcards', () => {
    const ws = workspaceOf({
      'r.yaml': role('ClusterRole', 'r', rules('["", "apps", "extensions"]', '[pods, deployments, replicasets]') + rules('["*"]', '[anything]') + rules('[apps]', '["*"]') + rules('[""]', '["*/scale"]')),
    });
    assert.deepEqual(ofRule(ws, 'r.yaml', 'rbac-unknown-resource'), []);
  });

  it('understands subresources and suggests the right one', () => {
    const ws = workspaceOf({ 'r.yaml': role('Role', 'r', rules('[""]', '[pods/log, pods/exec, pods/logs, services/proxy]') + rules('[apps]', '[deployments/scale, deployments/status]')) });
    const [d, ...rest] = ofRule(ws, 'r.yaml', 'rbac-unknown-resource');
    assert.equal(rest.length, 0);
    assert.match(d.message, /^'logs' is not a subresource of 'pods'; its subresources are .*\. Did you mean 'pods\/log'\?$/);
    assert.equal(d.data?.suggestion, 'pods/log');
  });

  it('suggests the plural for a singular resource name', () => {
    const ws = workspaceOf({ 'r.yaml': role('Role', 'r', rules('[apps]', '[deployment]') + rules('[""]', '[configmap]')) });
    assert.deepEqual(
      ofRule(ws, 'r.yaml', 'rbac-unknown-resource').map((d) => d.message),
      ["'deployment' is not a resource of the API group 'apps' in Kubernetes 1.36. Did you mean 'deployments'?", "'configmap' is not a resource of the core API group in Kubernetes 1.36. Did you mean 'configmaps'?"],
    );
  });

  it('accepts any resource of a group Kubernetes does not serve itself, and CRD plurals of the workspace', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets, singular: widget}\n  versions: [{name: v1, served: true, storage: true}]\n`;
    const ws = workspaceOf({
      'crd.yaml': crd,
      'r.yaml': role('ClusterRole', 'r', rules('[monitoring.coreos.com]', '[servicemonitors]') + rules('[metrics.k8s.io]', '[pods]') + rules('[""]', '[widgets]')),
    });
    const [d, ...rest] = ofRule(ws, 'r.yaml', 'rbac-unknown-resource');
    assert.equal(rest.length, 0);
    assert.equal(d.message, "'widgets' is not served by the core API group; it is in 'example.com'.");
  });

  it('follows the chosen Kubernetes version', () => {
    const ws = workspaceOf({ 'r.yaml': role('ClusterRole', 'psp', rules('[policy]', '[podsecuritypolicies]')) });
    assert.equal(ofRule(ws, 'r.yaml', 'rbac-unknown-resource')[0].message, "'podsecuritypolicies' is not served by the API group 'policy' in Kubernetes 1.36 (last served in 1.24).");
    assert.deepEqual(ofRule(ws, 'r.yaml', 'rbac-unknown-resource', { kubernetesVersion: '1.24' }), []);
  });

  it('accepts RBAC resource names that are not kinds (impersonation, signers, kubelet subresources)', () => {
    const ws = workspaceOf({
      'r.yaml': role('ClusterRole', 'r', rules('[""]', '[users, groups, serviceaccounts/token, nodes/metrics, nodes/stats]') + rules('[certificates.k8s.io]', '[signers, certificatesigningrequests/approval]') + rules('[authentication.k8s.io]', '[userextras/scopes, tokenreviews]')),
    });
    assert.deepEqual(ofRule(ws, 'r.yaml', 'rbac-unknown-resource'), []);
  });
});
