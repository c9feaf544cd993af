import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, deployment, docs, ofRule, service, workspaceOf } from './helpers';

const cm = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data: {a: "1"}\n`;

describe('duplicate-resource', () => {
  it('reports copies in the same Kustomize build as errors, each pointing at the other', () => {
    const ws = workspaceOf({
      'app/kustomization.yaml': 'resources: [a.yaml, ../shared/b.yaml]\n',
      'app/a.yaml': cm('settings'),
      'shared/b.yaml': docs(cm('other'), cm('settings')),
    });
    const [a] = ofRule(ws, 'app/a.yaml', 'duplicate-resource');
    const [b] = ofRule(ws, 'shared/b.yaml', 'duplicate-resource');
    assert.equal(a.severity, 'error');
    assert.equal(a.message, "ConfigMap 'settings' in namespace 'default' is also defined in b.yaml (line 10); applying both keeps only the last one.");
    assert.equal(at(a), '4:8-4:16');
    assert.deepEqual(
      a.related?.map((r) => [r.uri, r.range.start.line, r.message]),
      [['file:///ws/shared/b.yaml', 9, "Other definition of ConfigMap 'settings'"]],
    );
    assert.equal(b.severity, 'error');
    assert.equal(b.message, "ConfigMap 'settings' in namespace 'default' is also defined in a.yaml (line 4); applying both keeps only the last one.");
    assert.equal(b.related?.[0].uri, 'file:///ws/app/a.yaml');
  });

  it('reports copies in two files of one folder as warnings (kubectl apply -f on the folder)', () => {
    const ws = workspaceOf({ 'deploy/a.yaml': cm('settings'), 'deploy/b.yaml': docs(cm('other'), cm('settings')) });
    const [a] = ofRule(ws, 'deploy/a.yaml', 'duplicate-resource');
    const [b] = ofRule(ws, 'deploy/b.yaml', 'duplicate-resource');
    assert.equal(a.severity, 'warning');
    assert.equal(
      a.message,
      "ConfigMap 'settings' in namespace 'default' is also defined in b.yaml (line 10) in the same folder; applying the folder keeps only the last one.",
    );
    assert.equal(at(a), '4:8-4:16');
    assert.deepEqual(
      a.related?.map((r) => [r.uri, r.range.start.line]),
      [['file:///ws/deploy/b.yaml', 9]],
    );
    assert.equal(b.severity, 'warning');
    assert.equal(at(b), '10:8-10:16');
  });

  it('does not report copies in different folders (separate applications, envs/dev and envs/prod)', () => {
    const ws = workspaceOf({ 'envs/dev/cm.yaml': cm('settings'), 'envs/prod/cm.yaml': cm('settings'), 'other/cm.yaml': cm('settings') });
    for (const f of ['envs/dev/cm.yaml', 'envs/prod/cm.yaml', 'other/cm.yaml']) assert.deepEqual(ofRule(ws, f, 'duplicate-resource'), [], f);
  });

  it('does not report two files of one folder that go to different Kustomize builds', () => {
    const ws = workspaceOf({
      'dev/kustomization.yaml': 'resources: [../variants/dev.yaml]\n',
      'prod/kustomization.yaml': 'resources: [../variants/prod.yaml]\n',
      'variants/dev.yaml': cm('settings'),
      'variants/prod.yaml': cm('settings'),
    });
    assert.deepEqual(ofRule(ws, 'variants/dev.yaml', 'duplicate-resource'), []);
  });

  it('prefers the error when a copy is in the same file and another in the same folder', () => {
    const ws = workspaceOf({ 'a.yaml': docs(cm('x'), cm('x')), 'b.yaml': cm('x') });
    const found = ofRule(ws, 'a.yaml', 'duplicate-resource');
    assert.deepEqual(
      found.map((d) => [d.severity, d.message]),
      [
        ['error', "ConfigMap 'x' in namespace 'default' is also defined on line 10 of this file; applying both keeps only the last one."],
        ['error', "ConfigMap 'x' in namespace 'default' is also defined on line 4 of this file; applying both keeps only the last one."],
      ],
    );
    assert.deepEqual(
      ofRule(ws, 'b.yaml', 'duplicate-resource').map((d) => [d.severity, d.related?.length]),
      [['warning', 2]],
    );
  });

  it('finds duplicates inside one file', () => {
    const ws = workspaceOf({ 'a.yaml': docs(cm('x'), cm('x')) });
    assert.deepEqual(
      ofRule(ws, 'a.yaml', 'duplicate-resource').map((d) => d.message),
      [
        "ConfigMap 'x' in namespace 'default' is also defined on line 10 of this file; applying both keeps only the last one.",
        "ConfigMap 'x' in namespace 'default' is also defined on line 4 of this file; applying both keeps only the last one.",
      ],
    );
  });

  it('treats "no namespace" as default and distinguishes namespaces, kinds and groups', () => {
    const ws = workspaceOf({
      'a.yaml': cm('x'),
      'b.yaml': cm('x', 'default'),
      'c.yaml': cm('x', 'prod'),
      'd.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n',
    });
    assert.equal(ofRule(ws, 'a.yaml', 'duplicate-resource').length, 1);
    assert.deepEqual(ofRule(ws, 'c.yaml', 'duplicate-resource'), []);
    assert.deepEqual(ofRule(ws, 'd.yaml', 'duplicate-resource'), []);
  });

  it('ignores the namespace of cluster-scoped kinds', () => {
    const ns = (name: string, extra = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${extra}rules: []\n`;
    const ws = workspaceOf({ 'a.yaml': ns('viewer'), 'b.yaml': ns('viewer', '  namespace: ignored\n') });
    assert.equal(
      ofRule(ws, 'a.yaml', 'duplicate-resource')[0].message,
      "ClusterRole 'viewer' is also defined in b.yaml (line 4) in the same folder; applying the folder keeps only the last one.",
    );
  });

  it('skips objects without a name (generateName)', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: b}]}}}\n';
    const ws = workspaceOf({ 'a.yaml': docs(job, job) });
    assert.deepEqual(ofRule(ws, 'a.yaml', 'duplicate-resource'), []);
  });
});

describe('list documents in the workspace', () => {
  const item = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((line, i) => `${i === 0 ? '  - ' : '    '}${line}\n`)
      .join('');
  const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.map(item).join('')}`;

  it("index each item: two items of one list are duplicates in one file, at the item's name", () => {
    const ws = workspaceOf({ 'all.yaml': list(cm('x'), cm('x')) });
    const found = ofRule(ws, 'all.yaml', 'duplicate-resource');
    assert.deepEqual(
      found.map((d) => [d.severity, at(d), d.message]),
      [
        ['error', '7:12-7:13', "ConfigMap 'x' in namespace 'default' is also defined on line 12 of this file; applying both keeps only the last one."],
        ['error', '12:12-12:13', "ConfigMap 'x' in namespace 'default' is also defined on line 7 of this file; applying both keeps only the last one."],
      ],
    );
    assert.deepEqual(
      ws.resourcesInFile('file:///ws/all.yaml').map((r) => [r.resource.kind, r.resource.listItem]),
      [
        ['ConfigMap', 0],
        ['ConfigMap', 1],
      ],
    );
  });

  it('let items select each other across files (only the Service without pods is reported)', () => {
    const ws = workspaceOf({
      'app.yaml': list(deployment('web', { app: 'web' })),
      'svc.yaml': list(service('web', { app: 'web' }), service('api', { app: 'api' })),
    });
    assert.deepEqual(
      ofRule(ws, 'svc.yaml', 'service-no-match').map((d) => [at(d), d.message]),
      [['18:6-18:14', "Service 'api' selects no pods: no Pod or pod template in namespace 'default' has the labels app=api."]],
    );
  });
});
