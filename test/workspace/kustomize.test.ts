import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossOf, deployment, edit, ofRule, service, uriOf, workspaceOf } from './helpers';

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data: {a: "1"}\n`;
const envFromPod = (cmName: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b, envFrom: [{configMapRef: {name: ${cmName}}}]}]\n`;

describe('Kustomize namespaces', () => {
  it('gives files listed in resources the kustomization namespace', () => {
    const ws = workspaceOf({
      'app/kustomization.yaml': 'namespace: shop\nresources:\n  - deploy.yaml\n  - svc.yaml\n',
      'app/deploy.yaml': deployment('web', { app: 'web' }),
      'app/svc.yaml': service('web', { app: 'web' }),
      'other/svc.yaml': service('web', { app: 'web' }, { namespace: 'shop' }),
    });
    assert.deepEqual(ofRule(ws, 'app/svc.yaml', 'service-no-match'), []);
    assert.deepEqual(ofRule(ws, 'other/svc.yaml', 'service-no-match'), [], 'a plain file in namespace shop sees the kustomized Deployment');
    assert.equal(ws.resourcesInFile(uriOf('app/deploy.yaml'))[0].namespace, 'shop');
    assert.deepEqual(ws.fileRole(uriOf('app/deploy.yaml')), { helmTemplate: false, kustomizePatch: false, kustomizeNamespace: 'shop' });
  });

  it('recognises kustomization.yml and Kustomization file names', () => {
    const ws = workspaceOf({
      'a/kustomization.yml': 'namespace: one\nresources: [cm.yaml]\n',
      'a/cm.yaml': cm('x'),
      'b/Kustomization': 'namespace: two\nresources: [./cm.yaml]\n',
      'b/cm.yaml': cm('x'),
    });
    assert.equal(ws.resourcesInFile(uriOf('a/cm.yaml'))[0].namespace, 'one');
    assert.equal(ws.resourcesInFile(uriOf('b/cm.yaml'))[0].namespace, 'two');
    assert.deepEqual(ws.resourcesInFile(uriOf('b/Kustomization')), [], 'a kustomization is not a Kubernetes object');
  });

  it('overrides metadata.namespace, and the outermost kustomization wins for folders', () => {
    const ws = workspaceOf({
      'base/kustomization.yaml': 'namespace: base-ns\nresources: [cm.yaml]\n',
      'base/cm.yaml': cm('settings', '  namespace: written\n'),
      'overlay/kustomization.yaml': 'namespace: prod\nresources:\n  - ../base\n  - pod.yaml\n',
      'overlay/pod.yaml': envFromPod('settings'),
    });
    assert.equal(ws.resourcesInFile(uriOf('base/cm.yaml'))[0].namespace, 'prod');
    assert.deepEqual(ofRule(ws, 'overlay/pod.yaml', 'missing-configmap'), []);
  });

  it('places a base shared by two overlays in both namespaces, and reports a reference missing in one of them', () => {
    const ws = workspaceOf({
      'base/kustomization.yaml': 'resources: [pod.yaml]\n',
      'base/pod.yaml': envFromPod('settings'),
      'dev/kustomization.yaml': 'namespace: dev\nresources: [../base, cm.yaml]\n',
      'dev/cm.yaml': cm('settings'),
      'prod/kustomization.yaml': 'namespace: prod\nresources: [../base]\n',
    });
    assert.deepEqual(ws.resourcesInFile(uriOf('base/pod.yaml'))[0].placements.map((p) => p.namespace).sort(), ['dev', 'prod']);
    const [d, ...rest] = ofRule(ws, 'base/pod.yaml', 'missing-configmap');
    assert.equal(rest.length, 0);
    assert.match(d.message, /^ConfigMap 'settings' is not defined in namespace 'prod' in this workspace/);
  });

  it('does not report copies in different overlays as duplicates', () => {
    const ws = workspaceOf({
      'dev/kustomization.yaml': 'resources: [cm.yaml]\n',
      'dev/cm.yaml': cm('settings'),
      'prod/kustomization.yaml': 'resources: [cm.yaml]\n',
      'prod/cm.yaml': cm('settings'),
      'plain/a.yaml': cm('x'),
      'plain/b.yaml': cm('x'),
    });
    assert.deepEqual(ofRule(ws, 'dev/cm.yaml', 'duplicate-resource'), []);
    assert.equal(ofRule(ws, 'plain/a.yaml', 'duplicate-resource').length, 1);
  });

  it('knows ConfigMaps and Secrets from generators, with their keys', () => {
    const ws = workspaceOf({
      'app/kustomization.yaml': 'resources: [pod.yaml]\nconfigMapGenerator:\n  - name: settings\n    literals: [MODE=prod]\n    files: [app.conf, custom=extra.txt]\nsecretGenerator:\n  - name: creds\n    envs: [creds.env]\n',
      'app/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: b\n      env:\n        - {name: M, valueFrom: {configMapKeyRef: {name: settings, key: MODE}}}\n        - {name: C, valueFrom: {configMapKeyRef: {name: settings, key: custom}}}\n        - {name: X, valueFrom: {configMapKeyRef: {name: settings, key: nope}}}\n        - {name: P, valueFrom: {secretKeyRef: {name: creds, key: anything}}}\n  volumes:\n    - name: f\n      configMap: {name: settings, items: [{key: app.conf, path: a}]}\n`,
    });
    assert.deepEqual(ofRule(ws, 'app/pod.yaml', 'missing-configmap'), []);
    assert.deepEqual(ofRule(ws, 'app/pod.yaml', 'missing-secret'), []);
    assert.deepEqual(ofRule(ws, 'app/pod.yaml', 'missing-secret-key'), [], 'env-file keys are unknown');
    const [d, ...rest] = ofRule(ws, 'app/pod.yaml', 'missing-configmap-key');
    assert.equal(rest.length, 0);
    assert.equal(d.message, "ConfigMap 'settings' (generated by configMapGenerator in kustomization.yaml) has no key 'nope'. Its keys: 'MODE', 'app.conf', 'custom'.");
    assert.deepEqual(d.related?.map((r) => [r.uri, r.range.start.line]), [['file:///ws/app/kustomization.yaml', 2]]);
  });
});

describe('Kustomize patches', () => {
  const files = {
    'app/kustomization.yaml': 'resources: [deploy.yaml]\npatches:\n  - path: replicas.yaml\npatchesStrategicMerge:\n  - env.yaml\n',
    'app/deploy.yaml': deployment('web', { app: 'web' }),
    'app/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n',
    'app/env.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      serviceAccountName: missing\n      containers: [{name: app, envFrom: [{configMapRef: {name: missing}}]}]\n',
  };

  it('marks patch files and keeps them out of the object set', () => {
    const ws = workspaceOf(files);
    assert.deepEqual(ws.fileRole(uriOf('app/replicas.yaml')), { helmTemplate: false, kustomizePatch: true });
    assert.equal(ws.fileRole(uriOf('app/env.yaml')).kustomizePatch, true);
    assert.deepEqual(crossOf(ws, 'app/env.yaml'), [], 'no missing-* on patches');
    assert.deepEqual(ofRule(ws, 'app/deploy.yaml', 'duplicate-resource'), [], 'patches are not duplicates');
    assert.equal(ws.findResources({ kind: 'Deployment', name: 'web' }).length, 1);
  });

  it('gives a patch the namespace of its kustomization', () => {
    const ws = workspaceOf({ ...files, 'app/kustomization.yaml': `namespace: shop\n${files['app/kustomization.yaml']}` });
    assert.deepEqual(ws.fileRole(uriOf('app/replicas.yaml')), { helmTemplate: false, kustomizePatch: true, kustomizeNamespace: 'shop' });
  });

  it('turns a file into a patch (and back) when the kustomization changes, reporting it as a dependent', () => {
    const ws = workspaceOf({ 'app/kustomization.yaml': 'resources: [deploy.yaml, other.yaml]\n', 'app/deploy.yaml': files['app/deploy.yaml'], 'app/other.yaml': files['app/replicas.yaml'] });
    assert.equal(ofRule(ws, 'app/deploy.yaml', 'duplicate-resource').length, 1);
    assert.deepEqual(edit(ws, 'app/kustomization.yaml', 'resources: [deploy.yaml]\npatches: [{path: other.yaml}]\n'), ['app/deploy.yaml', 'app/other.yaml']);
    assert.deepEqual(ofRule(ws, 'app/deploy.yaml', 'duplicate-resource'), []);
    assert.equal(ws.fileRole(uriOf('app/other.yaml')).kustomizePatch, true);
    assert.deepEqual(edit(ws, 'app/kustomization.yaml', 'resources: [deploy.yaml, other.yaml]\n', 2), ['app/deploy.yaml', 'app/other.yaml']);
    assert.equal(ofRule(ws, 'app/deploy.yaml', 'duplicate-resource').length, 1);
    assert.equal(ws.fileRole(uriOf('app/other.yaml')).kustomizePatch, false);
  });
});

describe('Helm templates', () => {
  it('excludes chart templates entirely', () => {
    const ws = workspaceOf({
      'chart/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {app: nothing}\n',
      'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed\ndata:\n  v: "{{ .Values.x }}"\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed\n',
    });
    assert.deepEqual(crossOf(ws, 'chart/templates/svc.yaml'), []);
    assert.deepEqual(ofRule(ws, 'cm.yaml', 'duplicate-resource'), []);
    assert.equal(ws.fileRole(uriOf('chart/templates/svc.yaml')).helmTemplate, true);
  });
});
