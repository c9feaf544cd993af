import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureWorkspace, labels } from './workspace';

describe('completion of apiVersion/kind', () => {
  it('offers kinds in an empty document and inserts apiVersion with kind', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///a.yaml', 'Deplo|');
    const deployment = items.find((i) => i.label === 'Deployment' && i.kind === 'kind');
    assert.ok(deployment, labels(items).slice(0, 20).join(','));
    assert.equal(deployment.detail, 'apps/v1');
    assert.equal(deployment.insertText, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${1:name}\n$0');
    assert.ok(
      items.some((i) => i.kind === 'snippet' && i.label === 'deployment'),
      'resource snippets in an empty document',
    );
  });

  it('fills in the apiVersion when a kind value is picked before any apiVersion', () => {
    const ws = new FeatureWorkspace();
    const uri = 'file:///b.yaml';
    const items = ws.complete(uri, 'kind: Ingr|\nmetadata:\n  name: web\n');
    const ingress = items.find((i) => i.label === 'Ingress');
    assert.ok(ingress);
    assert.equal(ws.accept(uri, ingress), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n');
  });

  it('corrects a wrong apiVersion when a kind is picked', () => {
    const ws = new FeatureWorkspace();
    const uri = 'file:///c.yaml';
    const items = ws.complete(uri, 'apiVersion: v1\nkind: |\n');
    const cronJob = items.find((i) => i.label === 'CronJob');
    assert.ok(cronJob);
    assert.equal(ws.accept(uri, cronJob), 'apiVersion: batch/v1\nkind: CronJob\n');
    const configMap = items.find((i) => i.label === 'ConfigMap');
    assert.equal(configMap?.additionalEdits, undefined, 'v1 already serves ConfigMap');
    assert.equal(configMap?.sortText?.[0], '0', 'kinds of the written apiVersion come first');
  });

  it('offers the apiVersions serving the kind when kind is written first', () => {
    const ws = new FeatureWorkspace();
    const items = ws.complete('file:///d.yaml', 'kind: HorizontalPodAutoscaler\napiVersion: |\n');
    assert.deepEqual(labels(items).sort(), ['autoscaling/v1', 'autoscaling/v2']);
    assert.equal(items.find((i) => i.preselect)?.label, 'autoscaling/v2');
  });

  it('follows the configured Kubernetes version', () => {
    const old = new FeatureWorkspace({}, { kubernetesVersion: '1.25' });
    const items = old.complete('file:///e.yaml', 'kind: HorizontalPodAutoscaler\napiVersion: |\n');
    assert.ok(labels(items).includes('autoscaling/v2beta2'));
  });
});

describe('completion of custom kinds', () => {
  it('offers kinds that CustomResourceDefinitions of the workspace define', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
`;
    const ws = new FeatureWorkspace({ 'file:///crd.yaml': crd });
    const uri = 'file:///w.yaml';
    const widget = ws.complete(uri, 'kind: Wid|\n').find((i) => i.label === 'Widget');
    assert.equal(widget?.detail, 'example.com/v1');
    assert.equal(ws.accept(uri, widget), 'apiVersion: example.com/v1\nkind: Widget\n');
  });
});
