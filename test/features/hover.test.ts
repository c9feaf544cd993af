import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureWorkspace } from './workspace';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
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
          image: nginx
          imagePullPolicy: Always
          envFrom:
            - configMapRef:
                name: web-config
            - configMapRef:
                name: nowhere
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  MODE: fast
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
`;

function hoverAt(ws: FeatureWorkspace, uri: string, line: number, character: number): string {
  return ws.features.hover(uri, { line, character })?.contents ?? '';
}

describe('hover', () => {
  const uri = 'file:///ws/app.yaml';
  const ws = new FeatureWorkspace({ [uri]: APP });

  it('documents a field: type, default, description and the API reference of the kind and version', () => {
    const text = hoverAt(ws, uri, 6, 4); // replicas
    assert.match(text, /^\*\*replicas\*\* · `integer`/);
    assert.match(text, /Number of desired pods/);
    assert.match(text, /Default: `1`/);
    assert.match(text, /\(https:\/\/kubernetes\.io\/docs\/reference\/generated\/kubernetes-api\/v1\.36\/#deployment-v1-apps\)/);
  });

  it('marks required fields and lists allowed values', () => {
    assert.match(hoverAt(ws, uri, 15, 6), /\*\*containers\*\* · `\[\]Container` · required/);
    assert.match(hoverAt(ws, uri, 18, 12), /Allowed values: `Always`, `IfNotPresent`, `Never`/);
  });

  it('documents the kind', () => {
    assert.match(hoverAt(ws, uri, 1, 8), /\*\*Deployment\*\* `apps\/v1`/);
  });

  it('summarises what a reference points at, or says it is missing', () => {
    assert.match(hoverAt(ws, uri, 21, 24), /→ ConfigMap `web-config`, namespace `shop` in `app\.yaml`  \nkeys: `MODE`/);
    assert.match(hoverAt(ws, uri, 23, 24), /⚠ ConfigMap `nowhere` is not defined in namespace `shop` in this workspace\./);
  });

  it('lists the workloads a Service selector selects, with replicas', () => {
    assert.match(hoverAt(ws, uri, 39, 4), /Selects:\n\n- Deployment `web` \(3 replicas\) in `app\.yaml`/);
  });

  it('names the Services selecting pod template labels', () => {
    assert.match(hoverAt(ws, uri, 13, 8), /Selected by Service `web` in `app\.yaml`/);
  });

  it('gives nothing on document markers and past the end of a line', () => {
    assert.equal(ws.features.hover(uri, { line: 24, character: 1 }), undefined);
    assert.equal(ws.features.hover(uri, { line: 5, character: 9 }), undefined);
  });
});
