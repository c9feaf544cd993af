import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, FeatureWorkspace } from './workspace';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

function withContainer(extra: string): string {
  return DEPLOYMENT + extra;
}

describe('quick fixes leave no new diagnostics', () => {
  it('renames an unknown field to the suggested one', () => {
    const ws = new FeatureWorkspace({ 'file:///a.yaml': withContainer('          ports:\n            - contanerPort: 80\n') });
    const outcome = applyFix(ws, 'file:///a.yaml', 'schema', /Change 'contanerPort' to 'containerPort'/, /Unknown field/);
    assert.equal(outcome.action.isPreferred, true);
    assert.ok(outcome.fixed);
    assert.deepEqual(outcome.added, []);
    assert.match(ws.text('file:///a.yaml'), / {12}- containerPort: 80\n/);
    assert.deepEqual(ws.diagnostics('file:///a.yaml'), []);
  });

  it('inserts a missing selector from the pod template labels', () => {
    const text = DEPLOYMENT.replace('  selector:\n    matchLabels:\n      app: web\n', '');
    const ws = new FeatureWorkspace({ 'file:///b.yaml': text });
    const outcome = applyFix(ws, 'file:///b.yaml', 'schema', /Add the selector from the pod template labels/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///b.yaml'), []);
    assert.match(ws.text('file:///b.yaml'), /\n {2}selector:\n {4}matchLabels:\n {6}app: web\n/);
  });

  it('inserts a missing container name derived from the image', () => {
    const ws = new FeatureWorkspace({
      'file:///c.yaml': DEPLOYMENT.replace('        - name: web\n          image: nginx:1.27\n', '        - image: registry.example/team/api:1.2\n'),
    });
    const outcome = applyFix(ws, 'file:///c.yaml', 'schema', /Add required field 'name'/);
    assert.deepEqual(outcome.added, []);
    assert.ok(outcome.fixed);
    assert.match(ws.text('file:///c.yaml'), /- image: registry\.example\/team\/api:1\.2\n {10}name: api\n/);
  });

  it('migrates an extensions/v1beta1 Ingress to networking.k8s.io/v1', () => {
    const ingress = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: a.example.com
      http:
        paths:
          - path: /
            backend:
              serviceName: web
              servicePort: 80
          - backend:
              serviceName: web
              servicePort: http
`;
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n';
    const ws = new FeatureWorkspace({ 'file:///ing.yaml': ingress, 'file:///svc.yaml': service, 'file:///dep.yaml': DEPLOYMENT });
    const outcome = applyFix(ws, 'file:///ing.yaml', 'removed-api', /Change apiVersion to networking\.k8s\.io\/v1 and migrate backends/);
    assert.ok(outcome.fixed);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///ing.yaml'), []);
    assert.equal(
      ws.text('file:///ing.yaml'),
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: a.example.com
      http:
        paths:
          - pathType: Prefix
            path: /
            backend:
              service:
                name: web
                port:
                  number: 80
          - pathType: Prefix
            path: /
            backend:
              service:
                name: web
                port:
                  name: http
`,
    );
  });

  it('migrates an apps/v1beta2 Deployment to apps/v1 with a selector', () => {
    const old = DEPLOYMENT.replace('apps/v1', 'apps/v1beta2').replace('  selector:\n    matchLabels:\n      app: web\n', '');
    const ws = new FeatureWorkspace({ 'file:///old.yaml': old });
    const outcome = applyFix(ws, 'file:///old.yaml', 'removed-api', /Change apiVersion to apps\/v1 and add the selector/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///old.yaml'), []);
  });

  for (const [title, expected] of [
    [/Add the selector's labels to the pod template \(app=web\)/, '        app: web\n'],
    [/Set the selector to the pod template's labels \(app=api, tier=backend\)/, '    matchLabels:\n      app: api\n      tier: backend\n'],
  ] as const) {
    it(`aligns a mismatched selector: ${title.source.slice(0, 30)}…`, () => {
      const text = DEPLOYMENT.replace('      labels:\n        app: web\n', '      labels:\n        app: api\n        tier: backend\n');
      const ws = new FeatureWorkspace({ 'file:///m.yaml': text });
      const outcome = applyFix(ws, 'file:///m.yaml', 'selector-mismatch', title);
      assert.deepEqual(outcome.added, []);
      assert.deepEqual(ws.diagnostics('file:///m.yaml'), []);
      assert.ok(ws.text('file:///m.yaml').includes(expected), ws.text('file:///m.yaml'));
    });
  }

  it('creates a missing ConfigMap at the end of the file', () => {
    const ws = new FeatureWorkspace({
      'file:///cm.yaml': withContainer('          envFrom:\n            - configMapRef:\n                name: web-config\n'),
    });
    const outcome = applyFix(ws, 'file:///cm.yaml', 'missing-configmap', /Create ConfigMap 'web-config' at the end of this file/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///cm.yaml'), []);
    assert.ok(ws.text('file:///cm.yaml').endsWith('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata: {}\n'));
  });

  it('creates a missing Secret with the keys the workload reads, in its namespace', () => {
    const text = withContainer(
      '          env:\n            - name: P\n              valueFrom:\n                secretKeyRef:\n                  name: web-secret\n                  key: password\n',
    ).replace('  name: web\nspec', '  name: web\n  namespace: shop\nspec');
    const ws = new FeatureWorkspace({ 'file:///s.yaml': text });
    const outcome = applyFix(ws, 'file:///s.yaml', 'missing-secret', /Create Secret 'web-secret'/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///s.yaml'), []);
    assert.ok(
      ws.text('file:///s.yaml').endsWith('kind: Secret\nmetadata:\n  name: web-secret\n  namespace: shop\ntype: Opaque\nstringData:\n  password: ""\n'),
    );
  });

  it('creates a missing PVC and ServiceAccount', () => {
    const text = DEPLOYMENT.replace(
      '    spec:\n',
      '    spec:\n      serviceAccountName: web-sa\n      volumes:\n        - name: d\n          persistentVolumeClaim:\n            claimName: web-data\n',
    );
    const ws = new FeatureWorkspace({ 'file:///p.yaml': text });
    assert.deepEqual(applyFix(ws, 'file:///p.yaml', 'missing-pvc', /Create PersistentVolumeClaim 'web-data'/).added, []);
    assert.deepEqual(applyFix(ws, 'file:///p.yaml', 'missing-service-account', /Create ServiceAccount 'web-sa'/).added, []);
    assert.deepEqual(ws.diagnostics('file:///p.yaml'), []);
  });

  it('adds a missing key to the ConfigMap in its own file', () => {
    const ws = new FeatureWorkspace({
      'file:///k.yaml': withContainer(
        '          env:\n            - name: MODE\n              valueFrom:\n                configMapKeyRef:\n                  name: web-config\n                  key: MODE\n',
      ),
      'file:///config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LEVEL: info\n',
    });
    const outcome = applyFix(ws, 'file:///k.yaml', 'missing-configmap-key', /Add key 'MODE' to ConfigMap 'web-config'/);
    assert.deepEqual(outcome.added, []);
    assert.ok(outcome.fixed);
    assert.equal(ws.text('file:///config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LEVEL: info\n  MODE: ""\n');
  });

  it('replaces a misspelt reference with the suggested name', () => {
    const ws = new FeatureWorkspace({
      'file:///t.yaml': withContainer('          envFrom:\n            - configMapRef:\n                name: web-confg\n'),
      'file:///config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n',
    });
    const outcome = applyFix(ws, 'file:///t.yaml', 'missing-configmap', /Change to 'web-config'/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///t.yaml'), []);
  });

  it("disables a rule for the next line with the line's indentation", () => {
    const ws = new FeatureWorkspace({ 'file:///d.yaml': withContainer('          envFrom:\n            - configMapRef:\n                name: nowhere\n') });
    const outcome = applyFix(ws, 'file:///d.yaml', 'missing-configmap', /Disable missing-configmap for this line/);
    assert.deepEqual(outcome.added, []);
    assert.ok(
      ws
        .text('file:///d.yaml')
        .includes('            - configMapRef:\n                # shipshape-disable-next-line missing-configmap\n                name: nowhere\n'),
    );
    assert.deepEqual(ws.diagnostics('file:///d.yaml'), []);
  });
});
