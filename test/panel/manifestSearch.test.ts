import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findManifest } from '../../client/src/panel/manifestSearch';
import { example } from './fixtures';

describe("finding an object's manifest", () => {
  const api = example('shop/api.yaml');

  it('finds the document by kind, namespace and name and points at metadata.name', () => {
    const match = findManifest(api, { kind: 'Service', namespace: 'shop', name: 'api-service' });
    assert.ok(match);
    assert.equal(match.documentIndex, 1);
    assert.equal(api.slice(match.start, match.end), 'api-service');
    const deployment = findManifest(api, { kind: 'Deployment', namespace: 'shop', name: 'api' });
    assert.equal(deployment?.documentIndex, 0);
    assert.equal(api.slice(deployment?.start, deployment?.end), 'api');
  });

  it('does not match another namespace, kind or name', () => {
    assert.equal(findManifest(api, { kind: 'Service', namespace: 'default', name: 'api-service' }), undefined);
    assert.equal(findManifest(api, { kind: 'Deployment', namespace: 'shop', name: 'api-service' }), undefined);
    assert.equal(findManifest(api, { kind: 'Service', namespace: 'shop', name: 'api' }), undefined);
  });

  it('treats a manifest without namespace as the default namespace, and ignores it for cluster-scoped kinds', () => {
    const text =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: db-migrate\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  namespace: ignored\n';
    assert.equal(findManifest(text, { kind: 'Job', namespace: 'default', name: 'db-migrate' })?.documentIndex, 0);
    assert.equal(findManifest(text, { kind: 'Job', namespace: 'other', name: 'db-migrate' }), undefined);
    assert.equal(findManifest(text, { kind: 'Namespace', name: 'shop' })?.documentIndex, 1);
  });

  it('copes with broken YAML and non-manifests without throwing', () => {
    assert.equal(findManifest('kind: Service\nmetadata: [unclosed\n  name: api', { kind: 'Service', name: 'api' }), undefined);
    assert.equal(findManifest('- kind\n- Service\n- api', { kind: 'Service', name: 'api' }), undefined);
    const quoted = findManifest('kind: "Service"\nmetadata:\n  name: \'api\'\n  namespace: "default"\n', {
      kind: 'Service',
      namespace: 'default',
      name: 'api',
    });
    assert.equal(quoted?.documentIndex, 0);
  });
});
