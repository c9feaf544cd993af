import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, rangeText } from './helpers';

const DEPLOYMENT = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${spec}`;

describe('schema: unknown fields', () => {
  it('reports an unknown field on its key with a did-you-mean suggestion', () => {
    const problems = check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  lables:\n    app: web\ndata:\n  a: b\n');
    assert.equal(problems.length, 1);
    const [p] = problems;
    assert.equal(p.id, 'schema');
    assert.equal(p.message, "Unknown field 'lables' in ObjectMeta; did you mean 'labels'?");
    assert.equal(p.suggestion, 'labels');
    assert.deepEqual(p.path, ['metadata', 'lables']);
    assert.equal(p.target, 'key');
    assert.equal(rangeText(p.range), '4:2-4:8');
  });

  it('names the definition of nested list items and matches case-insensitively', () => {
    const problems = check(DEPLOYMENT('      containers:\n      - name: app\n        image: nginx\n        ImagePullPolicy: Always\n'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, "Unknown field 'ImagePullPolicy' in Container; did you mean 'imagePullPolicy'?");
    assert.deepEqual(problems[0].path, ['spec', 'template', 'spec', 'containers', 0, 'ImagePullPolicy']);
    assert.equal(rangeText(problems[0].range), '14:8-14:23');
  });

  it('suggests nothing when no field is close', () => {
    const problems = check('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n  frobnicate: true\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, "Unknown field 'frobnicate' in ServiceSpec");
    assert.equal(problems[0].suggestion, undefined);
  });
});

describe('schema: types', () => {
  it('reports a wrong scalar type on the value, with a hint for quoted numbers', () => {
    const text = DEPLOYMENT('      containers: [{name: app, image: nginx}]\n').replace('spec:\n  selector', 'spec:\n  replicas: "3"\n  selector');
    const problems = check(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, 'expected integer, got string; remove the quotes');
    assert.deepEqual(problems[0].path, ['spec', 'replicas']);
    assert.equal(rangeText(problems[0].range), '5:12-5:15');
  });

  it('says "integer or string" for IntOrString fields and never mentions null', () => {
    const problems = check(DEPLOYMENT('      containers:\n      - name: app\n        image: nginx\n        livenessProbe:\n          httpGet: {port: true}\n'));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].message, 'expected integer or string, got boolean');
    assert.deepEqual(problems[0].path, ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port']);
  });

  it('asks to quote numbers given to string fields', () => {
    const problems = check(DEPLOYMENT('      containers:\n      - name: app\n        image: nginx\n        env: [{name: PORT, value: 8080}]\n'));
    assert.deepEqual(
      problems.map((p) => p.message),
      ['expected string, got integer; quote it: "8080"'],
    );
  });

  it('accepts empty values on optional fields but not on required ones', () => {
    assert.deepEqual(check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n  annotations: ~\nspec:\n  nodeSelector:\n  containers:\n  - name: a\n    image: b\n    args:\n'), []);
    const problems = check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, 'expected array, got an empty value');
    assert.deepEqual(problems[0].path, ['spec', 'containers']);
  });

  it('reports one problem for a wrongly typed list item, not one per schema branch', () => {
    const problems = check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - nginx\n');
    assert.deepEqual(
      problems.map((p) => [p.message, rangeText(p.range)]),
      [['expected object, got string', '6:4-6:9']],
    );
  });

  it('checks 32-bit integers and base64 data', () => {
    const port = check('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: b\n    ports: [{containerPort: 99999999999}]\n');
    assert.deepEqual(
      port.map((p) => p.message),
      ["'99999999999' must be a 32-bit integer (from -2147483648 to 2147483647)"],
    );
    const secret = check('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: not base64!\n  folded: |\n    c2VjcmV0LXZh\n    bHVl\n');
    assert.deepEqual(
      secret.map((p) => [p.message, p.path]),
      [["'not base64!' must be base64-encoded data; put plain text under stringData instead", ['data', 'password']]],
    );
  });
});

describe('schema: required fields', () => {
  it('reports a missing required field on the parent key', () => {
    const problems = check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, "Missing required field 'containers' in PodSpec");
    assert.deepEqual(problems[0].path, ['spec']);
    assert.equal(problems[0].target, 'key');
    assert.equal(rangeText(problems[0].range), '4:0-4:4');
  });

  it('reports missing fields of list items and stays quiet for patches', () => {
    const text = DEPLOYMENT('      containers:\n      - image: nginx\n');
    assert.deepEqual(
      check(text).map((p) => [p.message, p.path]),
      [["Missing required field 'name' in Container", ['spec', 'template', 'spec', 'containers', 0]]],
    );
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: null\n  template:\n    spec:\n      containers:\n      - name: app\n        $patch: delete\n';
    assert.deepEqual(check(patch, '1.36', { ignoreRequired: true }), []);
    assert.ok(check(patch).length > 0);
  });
});

describe('schema: quantities', () => {
  it('accepts strings and numbers in quantity form', () => {
    const ok = DEPLOYMENT('      containers:\n      - name: app\n        image: nginx\n        resources:\n          requests: {cpu: 500m, memory: 128Mi}\n          limits: {cpu: 2, memory: 1.5Gi, ephemeral-storage: 1e3}\n');
    assert.deepEqual(check(ok), []);
  });

  it('rejects malformed quantities in human words', () => {
    const bad = DEPLOYMENT('      containers:\n      - name: app\n        image: nginx\n        resources:\n          limits: {cpu: 1.5 cores, memory: true}\n');
    assert.deepEqual(
      check(bad).map((p) => [p.message, p.path.slice(-2)]),
      [
        ["'1.5 cores' must be a Kubernetes quantity such as 500m or 1Gi", ['limits', 'cpu']],
        ['expected a quantity (string or number), got boolean', ['limits', 'memory']],
      ],
    );
  });
});

describe('schema: valid manifests', () => {
  it('accepts common kinds written the usual ways', () => {
    const docs = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - {name: http, port: 80, targetPort: http, nodePort: 30080}\n  - {port: 443, targetPort: 8443, protocol: TCP}\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80}}}\n',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox, command: [date]}]\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: dev}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- {kind: ServiceAccount, name: app, namespace: dev}\n',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets, singular: widget}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n        properties:\n          spec:\n            type: object\n            default: {size: 1}\n            properties:\n              size: {type: integer, minimum: 1}\n',
    ];
    for (const doc of docs) assert.deepEqual(check(doc), [], doc);
  });
});

describe('did-you-mean for field names', () => {
  it('completes a field typed in part but does not shorten a longer name', () => {
    const partial = check('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b}]\n  serviceAccount: x\n  tolerat: []\n');
    assert.deepEqual(
      partial.map((p) => p.message),
      ["Unknown field 'tolerat' in PodSpec; did you mean 'tolerations'?"],
    );
    const longer = check('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b, imagefeatures: x}]\n');
    assert.deepEqual(
      longer.map((p) => [p.message, p.suggestion]),
      [["Unknown field 'imagefeatures' in Container", undefined]],
    );
  });
});
