import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, edit, ofRule, relative, service, uriOf, workspaceOf } from './helpers';

const cm = (name: string, keys: string[], namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n${keys.map((k) => `  ${k}: "1"\n`).join('')}`;
const keyPod = (name: string, key: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: b\n      env: [{name: X, valueFrom: {configMapKeyRef: {name: ${name}, key: ${key}}}}]\n`;

describe('incremental updates', () => {
  it('fixing the labels in deploy.yaml reports svc.yaml as dependent, and its warning disappears', () => {
    const ws = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'wbe' }),
      'svc.yaml': service('web', { app: 'web' }),
      'api.yaml': deployment('api', { app: 'api' }),
      'other.yaml': service('api', { app: 'api' }),
    });
    assert.equal(ofRule(ws, 'svc.yaml', 'service-no-match').length, 1);
    assert.deepEqual(ofRule(ws, 'other.yaml', 'service-no-match'), []);
    assert.deepEqual(edit(ws, 'deploy.yaml', deployment('web', { app: 'web' })), ['svc.yaml']);
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-no-match'), []);
    assert.deepEqual(edit(ws, 'deploy.yaml', deployment('web', { app: 'web2' }), 2), ['svc.yaml']);
    assert.equal(ofRule(ws, 'svc.yaml', 'service-no-match').length, 1);
  });

  it('limits dependents of an edit to the files that can see it', () => {
    const ws = workspaceOf({
      'deploy.yaml': deployment('web', { app: 'web' }),
      'svc.yaml': service('web', { app: 'web' }),
      'api.yaml': deployment('api', { app: 'api' }),
      'api-svc.yaml': service('api', { app: 'api' }),
    });
    for (const f of ['deploy.yaml', 'svc.yaml', 'api.yaml', 'api-svc.yaml']) ofRule(ws, f, 'service-no-match');
    // The Service selecting the edited Deployment may point into it; the other one cannot.
    assert.deepEqual(edit(ws, 'deploy.yaml', deployment('web', { app: 'web' }).replace('nginx:1.27', 'nginx:1.28')), ['svc.yaml']);
    assert.deepEqual(edit(ws, 'svc.yaml', service('web', { app: 'web' }, { ports: '    - port: 8080\n' })), [], 'nothing refers to a Service port here');
  });

  it('reports Services whose selected pods changed ports', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'web' }, { ports: '          ports: [{containerPort: 80}]\n' }), 'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n' }) });
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-port-mismatch'), []);
    assert.deepEqual(edit(ws, 'deploy.yaml', deployment('web', { app: 'web' }, { ports: '          ports: [{containerPort: 8080}]\n' })), ['svc.yaml']);
    assert.equal(ofRule(ws, 'svc.yaml', 'service-port-mismatch').length, 1);
  });

  it('refreshes a Service that selects nothing when a same-key label changes, so its hint stays right', () => {
    const ws = workspaceOf({ 'deploy.yaml': deployment('web', { app: 'wb' }), 'svc.yaml': service('web', { app: 'web' }) });
    assert.match(ofRule(ws, 'svc.yaml', 'service-no-match')[0].message, /Closest: Deployment 'web' with app=wb\./);
    assert.deepEqual(edit(ws, 'deploy.yaml', deployment('web', { app: 'wev' })), ['svc.yaml']);
    assert.match(ofRule(ws, 'svc.yaml', 'service-no-match')[0].message, /Closest: Deployment 'web' with app=wev\./);
  });

  it('follows ConfigMap keys, namespaces and removal', () => {
    const ws = workspaceOf({ 'cm.yaml': cm('app', ['A']), 'pod.yaml': keyPod('app', 'B'), 'unrelated.yaml': keyPod('other', 'A') });
    assert.equal(ofRule(ws, 'pod.yaml', 'missing-configmap-key').length, 1);
    assert.deepEqual(edit(ws, 'cm.yaml', cm('app', ['A', 'B'])), ['pod.yaml']);
    assert.deepEqual(ofRule(ws, 'pod.yaml', 'missing-configmap-key'), []);
    assert.deepEqual(edit(ws, 'cm.yaml', cm('app', ['A', 'B'], 'elsewhere'), 2), ['pod.yaml']);
    assert.equal(ofRule(ws, 'pod.yaml', 'missing-configmap').length, 1);
    assert.deepEqual(edit(ws, 'cm.yaml', cm('app', ['A', 'B']), 3), ['pod.yaml']);
    assert.deepEqual(relative(ws.removeFile(uriOf('cm.yaml'))), ['pod.yaml']);
    assert.equal(ofRule(ws, 'pod.yaml', 'missing-configmap').length, 1);
    assert.equal(ws.removeFile(uriOf('cm.yaml')).size, 0, 'removing an unknown file is a no-op');
  });

  it('reports the other copy when a duplicate appears or goes away', () => {
    const ws = workspaceOf({ 'a.yaml': cm('x', ['k']) });
    assert.deepEqual(edit(ws, 'b.yaml', cm('x', ['k'])), ['a.yaml']);
    assert.equal(ofRule(ws, 'a.yaml', 'duplicate-resource').length, 1);
    assert.deepEqual(edit(ws, 'b.yaml', cm('y', ['k']), 2), ['a.yaml']);
    assert.deepEqual(ofRule(ws, 'a.yaml', 'duplicate-resource'), []);
  });

  it('reports Ingresses when their Service ports change', () => {
    const ing = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n`;
    const ws = workspaceOf({ 'ing.yaml': ing, 'svc.yaml': service('web', { app: 'web' }, { ports: '    - port: 80\n' }) });
    assert.deepEqual(ofRule(ws, 'ing.yaml', 'missing-service-port'), []);
    assert.deepEqual(edit(ws, 'svc.yaml', service('web', { app: 'web' }, { ports: '    - port: 81\n' })), ['ing.yaml']);
    assert.equal(ofRule(ws, 'ing.yaml', 'missing-service-port').length, 1);
  });

  it('re-scopes custom resources and refreshes Roles when a CRD changes', () => {
    const crd = (scope: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: ${scope}\n  names: {kind: Widget, plural: widgets}\n  versions: [{name: v1, served: true, storage: true}]\n`;
    const widget = (ns: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ${ns}\n`;
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n  - apiGroups: [""]\n    resources: [widgets]\n    verbs: [get]\n';
    const ws = workspaceOf({ 'a.yaml': widget('a'), 'b.yaml': widget('b'), 'role.yaml': role });
    assert.deepEqual(ofRule(ws, 'a.yaml', 'duplicate-resource'), []);
    assert.equal(ws.hasKind('example.com', 'v1', 'Widget'), false);
    assert.deepEqual(edit(ws, 'crd.yaml', crd('Cluster')), ['a.yaml', 'b.yaml', 'role.yaml']);
    assert.equal(ws.hasKind('example.com', 'v1', 'Widget'), true);
    assert.equal(ws.hasGroup('example.com'), true);
    assert.equal(ws.resourcesInFile(uriOf('a.yaml'))[0].namespace, '', 'cluster-scoped now');
    assert.equal(ofRule(ws, 'a.yaml', 'duplicate-resource').length, 1);
    assert.match(ofRule(ws, 'role.yaml', 'rbac-unknown-resource')[0].message, /it is in 'example.com'/);
    assert.deepEqual(relative(ws.removeFile(uriOf('crd.yaml'))), ['a.yaml', 'b.yaml', 'role.yaml']);
    assert.deepEqual(ofRule(ws, 'a.yaml', 'duplicate-resource'), []);
  });

  it('re-places files when a kustomization namespace changes and refreshes what depends on them', () => {
    const ws = workspaceOf({
      'app/kustomization.yaml': 'namespace: a\nresources: [deploy.yaml]\n',
      'app/deploy.yaml': deployment('web', { app: 'web' }),
      'svc.yaml': service('web', { app: 'web' }, { namespace: 'b' }),
    });
    assert.equal(ofRule(ws, 'svc.yaml', 'service-no-match').length, 1);
    assert.deepEqual(edit(ws, 'app/kustomization.yaml', 'namespace: b\nresources: [deploy.yaml]\n'), ['app/deploy.yaml', 'svc.yaml']);
    assert.deepEqual(ofRule(ws, 'svc.yaml', 'service-no-match'), []);
  });

  it('places a file added after its kustomization', () => {
    const ws = workspaceOf({ 'app/kustomization.yaml': 'namespace: shop\nresources: [late.yaml]\n' });
    edit(ws, 'app/late.yaml', cm('x', ['k']));
    assert.equal(ws.resourcesInFile(uriOf('app/late.yaml'))[0].namespace, 'shop');
  });
});
