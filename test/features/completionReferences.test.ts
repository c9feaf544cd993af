import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureWorkspace, labels } from './workspace';

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  DB_HOST: db
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other-ns-config
  namespace: elsewhere
data: {}
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
stringData:
  password: x
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
    - name: metrics
      port: 9090
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-reader
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
        - name: web
          image: nginx
`;

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n';

function workspace(): FeatureWorkspace {
  return new FeatureWorkspace({ 'file:///ws/config.yaml': CONFIG });
}

describe('completion of references from the workspace', () => {
  it('offers ConfigMap names in the same namespace for configMapRef', () => {
    const items = workspace().complete('file:///ws/pod.yaml', POD + '      envFrom:\n        - configMapRef:\n            name: |\n');
    assert.deepEqual(labels(items), ['app-config']);
    assert.match(items[0].documentation ?? '', /keys: `DB_HOST`, `LOG_LEVEL`/);
    assert.equal(items[0].kind, 'reference');
  });

  it('offers the keys of the named ConfigMap for configMapKeyRef.key', () => {
    const items = workspace().complete(
      'file:///ws/pod.yaml',
      POD + '      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: app-config\n              key: |\n',
    );
    assert.deepEqual(labels(items).sort(), ['DB_HOST', 'LOG_LEVEL']);
  });

  it('offers Secret names and keys', () => {
    const ws = workspace();
    assert.deepEqual(
      labels(
        ws.complete('file:///ws/pod.yaml', POD + '      env:\n        - name: P\n          valueFrom:\n            secretKeyRef:\n              name: |\n'),
      ),
      ['db-credentials'],
    );
    assert.deepEqual(
      labels(
        ws.complete(
          'file:///ws/pod.yaml',
          POD + '      env:\n        - name: P\n          valueFrom:\n            secretKeyRef:\n              name: db-credentials\n              key: |\n',
        ),
      ),
      ['password'],
    );
  });

  it('offers PVC names for claimName', () => {
    const items = workspace().complete('file:///ws/pod.yaml', POD + '  volumes:\n    - name: v\n      persistentVolumeClaim:\n        claimName: |\n');
    assert.deepEqual(labels(items), ['data']);
  });

  it("offers Services for an Ingress backend, then that Service's ports", () => {
    const ws = workspace();
    const head =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n';
    assert.deepEqual(labels(ws.complete('file:///ws/ing.yaml', head + '                name: |\n')), ['web']);
    assert.deepEqual(labels(ws.complete('file:///ws/ing.yaml', head + '                name: web\n                port:\n                  number: |\n')), [
      '80',
      '9090',
    ]);
    assert.deepEqual(labels(ws.complete('file:///ws/ing.yaml', head + '                name: web\n                port:\n                  name: |\n')), [
      'http',
      'metrics',
    ]);
  });

  it('offers Roles or ClusterRoles by roleRef.kind, and both when the kind is not written yet', () => {
    const ws = workspace();
    const head = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n';
    assert.deepEqual(labels(ws.complete('file:///ws/rb.yaml', head + '  kind: ClusterRole\n  name: |\n')), ['cluster-reader']);
    assert.deepEqual(labels(ws.complete('file:///ws/rb.yaml', head + '  kind: Role\n  name: |\n')), ['reader']);
    assert.deepEqual(labels(ws.complete('file:///ws/rb.yaml', head + '  name: |\n')).sort(), ['cluster-reader', 'reader']);
  });

  it('offers scale targets and StatefulSet service names', () => {
    const ws = workspace();
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: |\n';
    assert.deepEqual(labels(ws.complete('file:///ws/hpa.yaml', hpa)), ['web']);
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: |\n';
    assert.deepEqual(labels(ws.complete('file:///ws/sts.yaml', sts)), ['web']);
  });

  it('offers serviceAccountName values from the workspace', () => {
    const ws = workspace();
    ws.set('file:///ws/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n');
    assert.deepEqual(labels(ws.complete('file:///ws/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: |\n')), [
      'builder',
    ]);
  });
});

describe('completion of selector labels', () => {
  it('offers pod template labels for a Service selector, one by one and all at once', () => {
    const items = workspace().complete('file:///ws/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    |\n');
    assert.ok(labels(items).includes('app: web'), labels(items).join(','));
    assert.ok(labels(items).includes('tier: frontend'));
    const all = items.find((i) => i.label === 'all labels of Deployment web');
    assert.equal(all?.insertText, 'app: web\n    tier: frontend');
  });

  it('offers label values for a selector key', () => {
    const items = workspace().complete('file:///ws/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    tier: |\n');
    assert.deepEqual(labels(items), ['frontend']);
  });

  it('offers the template labels for a workload selector', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete(
      'file:///d.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      |\n  template:\n    metadata:\n      labels:\n        app: d\n',
    );
    assert.ok(labels(items).includes('app: d'), labels(items).join(','));
  });
});
