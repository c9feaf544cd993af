import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemas } from './helpers';

const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];

describe('describeField', () => {
  it('documents a scalar field with its enum values, parent type and description', () => {
    const doc = schemas.describeField('1.36', 'apps/v1', 'Deployment', [...CONTAINER, 'imagePullPolicy']);
    assert.ok(doc);
    assert.equal(doc.name, 'imagePullPolicy');
    assert.equal(doc.type, 'string');
    assert.equal(doc.required, false);
    assert.deepEqual(doc.enum, ['Always', 'IfNotPresent', 'Never']);
    assert.equal(doc.parentDefinition, 'Container');
    assert.match(doc.description ?? '', /^Image pull policy\. One of Always, Never, IfNotPresent\./);
    assert.deepEqual(doc.properties, []);
  });

  it('reads single-value defaults from the description', () => {
    assert.equal(schemas.describeField('1.36', 'apps/v1', 'Deployment', ['spec', 'replicas'])?.default, '1');
    assert.equal(schemas.describeField('1.36', 'v1', 'Service', ['spec', 'ports', 0, 'protocol'])?.default, 'TCP');
    // "Defaults to Always if :latest tag is specified, or IfNotPresent otherwise" is conditional.
    assert.equal(schemas.describeField('1.36', 'apps/v1', 'Deployment', [...CONTAINER, 'imagePullPolicy'])?.default, undefined);
  });

  it('lists the child fields of objects with types and required flags', () => {
    const spec = schemas.describeField('1.36', 'apps/v1', 'Deployment', ['spec']);
    assert.ok(spec);
    assert.equal(spec.type, 'DeploymentSpec');
    assert.equal(spec.definitionId, 'io.k8s.api.apps.v1.DeploymentSpec');
    const byName = new Map(spec.properties.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('selector'), { ...byName.get('selector'), type: 'LabelSelector', required: true, definition: 'LabelSelector' });
    assert.equal(byName.get('template')?.required, true);
    assert.equal(byName.get('replicas')?.type, 'integer');
    assert.equal(byName.get('replicas')?.required, false);
    assert.equal(byName.get('strategy')?.type, 'DeploymentStrategy');
  });

  it('names list, map, int-or-string and quantity types like kubectl explain', () => {
    const containers = schemas.describeField('1.36', 'apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers']);
    assert.equal(containers?.type, '[]Container');
    assert.equal(containers?.required, true);
    assert.ok(containers?.properties.some((p) => p.name === 'image' && p.type === 'string'));
    assert.equal(schemas.describeField('1.36', 'v1', 'Pod', ['metadata', 'labels'])?.type, 'map[string]string');
    assert.equal(schemas.describeField('1.36', 'v1', 'Service', ['spec', 'ports', 0, 'targetPort'])?.type, 'IntOrString');
    assert.equal(schemas.describeField('1.36', 'v1', 'Pod', ['spec', 'containers', 0, 'resources', 'limits'])?.type, 'map[string]Quantity');
    assert.equal(schemas.describeField('1.36', 'v1', 'Pod', ['spec', 'containers', 0, 'resources', 'limits', 'cpu'])?.type, 'Quantity');
  });

  it('documents the kind itself for the empty path and rejects unknown paths', () => {
    const root = schemas.describeField('1.36', 'v1', 'Pod', []);
    assert.equal(root?.type, 'Pod');
    assert.match(root?.description ?? '', /^Pod is a collection of containers/);
    assert.ok(root?.properties.some((p) => p.name === 'spec' && p.definition === 'PodSpec'));
    assert.equal(schemas.describeField('1.36', 'v1', 'Pod', ['spec', 'nope']), undefined);
    assert.equal(schemas.describeField('1.36', 'v1', 'Nope', []), undefined);
  });

  it('filters enum values by Kubernetes version', () => {
    const path = ['spec', 'tolerations', 0, 'operator'];
    assert.deepEqual(schemas.describeField('1.34', 'v1', 'Pod', path)?.enum, ['Exists', 'Equal']);
    assert.deepEqual(schemas.describeField('1.36', 'v1', 'Pod', path)?.enum, ['Exists', 'Equal', 'Lt', 'Gt']);
  });
});

describe('enumFor', () => {
  it('accepts full and unambiguous short definition names', () => {
    assert.deepEqual(schemas.enumFor('io.k8s.api.core.v1.ServiceSpec', 'type'), ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.deepEqual(schemas.enumFor('Container', 'imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(schemas.enumFor('MetricTarget', 'type'), ['AverageValue', 'Utilization', 'Value']);
    assert.deepEqual(schemas.enumFor('PersistentVolumeClaimSpec', 'accessModes'), ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
    assert.deepEqual(schemas.enumFor('Container', 'restartPolicy', '1.33'), ['Always']);
    assert.equal(schemas.enumFor('Container', 'image'), undefined);
  });
});

describe('servedKinds, scope and reference links', () => {
  it('lists every authorable kind with its scope', () => {
    const kinds = schemas.servedKinds('1.36');
    assert.equal(kinds.length, 98);
    const find = (apiVersion: string, kind: string) => kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
    assert.deepEqual(find('apps/v1', 'Deployment'), { apiVersion: 'apps/v1', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, definition: 'io.k8s.api.apps.v1.Deployment', deprecated: false });
    assert.equal(find('v1', 'Namespace')?.namespaced, false);
    assert.equal(find('rbac.authorization.k8s.io/v1', 'ClusterRole')?.namespaced, false);
    assert.equal(find('v1', 'Endpoints')?.deprecated, true);
    assert.equal(find('v1', 'Status'), undefined);
    assert.ok(kinds.every((k) => !k.kind.endsWith('List')));
    assert.equal(schemas.servedKinds('1.25').find((k) => k.apiVersion === 'autoscaling/v2beta2')?.deprecated, true);
  });

  it('answers isNamespaced and links the API reference', () => {
    assert.equal(schemas.isNamespaced('1.36', 'storage.k8s.io/v1', 'StorageClass'), false);
    assert.equal(schemas.isNamespaced('1.36', 'v1', 'ConfigMap'), true);
    assert.equal(schemas.isNamespaced('1.36', 'v1', 'Nope'), undefined);
    assert.equal(schemas.apiReferenceUrl('1.36', 'apps/v1', 'Deployment'), 'https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.36/#deployment-v1-apps');
    assert.equal(schemas.apiReferenceUrl('1.30', 'v1', 'Pod'), 'https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.30/#pod-v1-core');
    assert.equal(schemas.apiReferenceUrl('1.36', 'networking.k8s.io/v1', 'Ingress'), 'https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.36/#ingress-v1-networking');
  });
});
