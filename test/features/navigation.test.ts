import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from '../../server/src/core/features/types';
import { FeatureWorkspace } from './workspace';

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api-sa
      containers:
        - name: api
          image: example/api:1.0
          env:
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: api-config
                  key: MODE
        - name: sidecar
          image: example/proxy:2.0
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: api-data
`;

const SUPPORT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
  namespace: shop
data:
  MODE: fast
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api-sa
  namespace: shop
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: api-data
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
    - name: http
      port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: shop
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  maxReplicas: 5
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
  - kind: ServiceAccount
    name: api-sa
`;

const W = 'file:///ws/workload.yaml';
const S = 'file:///ws/support.yaml';

function at(loc: Location): string {
  return `${loc.uri.slice('file:///ws/'.length)}:${loc.range.start.line}:${loc.range.start.character}`;
}

/** The line whose text (trimmed, without a list marker) is `needle`: its `occurrence`-th one. */
function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].trim().replace(/^- /, '') === needle && ++seen === occurrence) return i;
  throw new Error(`${needle} not found`);
}

describe('go to definition', () => {
  const ws = new FeatureWorkspace({ [W]: WORKLOAD, [S]: SUPPORT });
  const def = (uri: string, text: string, needle: string, occurrence = 1): string[] => {
    const line = lineOf(text, needle, occurrence);
    const character = text.split('\n')[line].indexOf(needle) + needle.length - 1;
    return ws.features.definition(uri, { line, character }).map(at);
  };

  it('goes from configMapKeyRef name and key to the ConfigMap and its key', () => {
    assert.deepEqual(def(W, WORKLOAD, 'name: api-config'), [`support.yaml:${lineOf(SUPPORT, 'name: api-config')}:8`]);
    assert.deepEqual(def(W, WORKLOAD, 'key: MODE'), [`support.yaml:${lineOf(SUPPORT, 'MODE: fast')}:2`]);
  });

  it('goes from serviceAccountName and claimName to their objects', () => {
    assert.deepEqual(def(W, WORKLOAD, 'serviceAccountName: api-sa'), [`support.yaml:${lineOf(SUPPORT, 'name: api-sa')}:8`]);
    assert.deepEqual(def(W, WORKLOAD, 'claimName: api-data'), [`support.yaml:${lineOf(SUPPORT, 'name: api-data')}:8`]);
  });

  it('goes from an Ingress backend to the Service and from its port number to the port', () => {
    assert.deepEqual(def(S, SUPPORT, 'name: api', 3), [`support.yaml:${lineOf(SUPPORT, 'name: api', 1)}:8`]);
    assert.deepEqual(def(S, SUPPORT, 'number: 80'), [`support.yaml:${lineOf(SUPPORT, 'port: 80')}:12`]);
  });

  it('goes from scaleTargetRef and roleRef to their targets', () => {
    assert.deepEqual(def(S, SUPPORT, 'name: api', 5), [`workload.yaml:3:8`]);
    assert.deepEqual(def(S, SUPPORT, 'name: reader', 3), [`support.yaml:${lineOf(SUPPORT, 'name: reader')}:8`]);
  });

  it('goes from a Service selector to the pod templates it selects', () => {
    const line = lineOf(SUPPORT, 'selector:');
    assert.deepEqual(ws.features.definition(S, { line, character: 4 }).map(at), ['workload.yaml:12:6']);
  });
});

describe('find references', () => {
  const ws = new FeatureWorkspace({ [W]: WORKLOAD, [S]: SUPPORT });

  it('finds every reference to a ConfigMap, with the declaration on request', () => {
    const line = lineOf(SUPPORT, 'name: api-config');
    assert.deepEqual(ws.features.references(S, { line, character: 10 }, false).map(at), [`workload.yaml:${lineOf(WORKLOAD, 'name: api-config')}:24`]);
    assert.deepEqual(ws.features.references(S, { line, character: 10 }, true).map(at), [
      `support.yaml:${line}:8`,
      `workload.yaml:${lineOf(WORKLOAD, 'name: api-config')}:24`,
    ]);
  });

  it('finds the Service selecting a Deployment and the HPA scaling it', () => {
    const refs = ws.features.references(W, { line: 3, character: 8 }, false).map(at);
    assert.deepEqual(refs.sort(), [`support.yaml:${lineOf(SUPPORT, 'name: api', 5)}:10`, `support.yaml:${lineOf(SUPPORT, 'selector:')}:2`].sort());
  });

  it('on a reference, finds the references of the object it names', () => {
    const refs = ws.features.references(W, { line: lineOf(WORKLOAD, 'serviceAccountName: api-sa'), character: 28 }, false).map(at);
    assert.deepEqual(
      refs.sort(),
      [`support.yaml:${lineOf(SUPPORT, 'name: api-sa', 2)}:10`, `workload.yaml:${lineOf(WORKLOAD, 'serviceAccountName: api-sa')}:26`].sort(),
    );
  });
});

describe('symbols', () => {
  const ws = new FeatureWorkspace({ [W]: WORKLOAD, [S]: SUPPORT });

  it('outlines resources with their containers, ports and keys', () => {
    const symbols = ws.features.documentSymbols(W);
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'Deployment api (shop)');
    assert.deepEqual(symbols[0].selectionRange, { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
    assert.deepEqual(
      symbols[0].children?.map((c) => `${c.name} ${c.detail}`),
      ['container api example/api:1.0', 'container sidecar example/proxy:2.0'],
    );
    const support = ws.features.documentSymbols(S);
    assert.deepEqual(
      support.map((s) => s.name),
      [
        'ConfigMap api-config (shop)',
        'ServiceAccount api-sa (shop)',
        'PersistentVolumeClaim api-data (shop)',
        'Service api (shop)',
        'Ingress api (shop)',
        'HorizontalPodAutoscaler api (shop)',
        'Role reader (shop)',
        'RoleBinding reader (shop)',
      ],
    );
    assert.deepEqual(
      support[0].children?.map((c) => c.name),
      ['MODE'],
    );
    assert.deepEqual(
      support[3].children?.map((c) => c.name),
      ['port 80 (http)'],
    );
  });

  it('finds workspace symbols by a fuzzy query', () => {
    const found = ws.features.workspaceSymbols('dep api').map((s) => `${s.name} ${s.containerName}`);
    assert.deepEqual(found, ['Deployment api (shop) workload.yaml']);
    assert.equal(ws.features.workspaceSymbols('').length, 9);
  });
});

describe('go to definition from other references', () => {
  it('goes from a StatefulSet serviceName and an envFrom secretRef to their objects', () => {
    const sts =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db-headless\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres\n          envFrom:\n            - secretRef:\n                name: db-secret\n';
    const support =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\nspec:\n  clusterIP: None\n  selector: {app: db}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db-secret\n';
    const ws = new FeatureWorkspace({ 'file:///ws/sts.yaml': sts, 'file:///ws/db.yaml': support });
    assert.deepEqual(ws.features.definition('file:///ws/sts.yaml', { line: 5, character: 16 }).map(at), ['db.yaml:3:8']);
    assert.deepEqual(ws.features.definition('file:///ws/sts.yaml', { line: 17, character: 22 }).map(at), ['db.yaml:11:8']);
  });
});
