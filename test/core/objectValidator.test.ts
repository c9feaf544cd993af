import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { createObjectValidator } from '../../server/src/core/service/objectValidator';

describe('object validator for the simulated API server', () => {
  const validate = createObjectValidator(createDefaultEnvironment(), DEFAULT_SETTINGS);
  const deployment = (replicas: unknown) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api' },
    spec: { replicas, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example/api:1' }] } } },
  });

  it('accepts a valid object', () => {
    assert.deepEqual(validate(deployment(3)), { ok: true });
  });

  it('rejects schema errors with the field path, the way the API server words it', () => {
    const verdict = validate(deployment('3'));
    assert.equal(verdict.ok, false);
    assert.match((verdict as { message: string }).message, /^The Deployment "api" is invalid: spec\.replicas: expected integer, got string/);
  });

  it('answers "no matches for kind" for removed APIs', () => {
    const verdict = validate({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'x' }, spec: {} });
    assert.equal(verdict.ok, false);
    assert.match((verdict as { message: string }).message, /^no matches for kind "Ingress" in version "extensions\/v1beta1": .*removed in Kubernetes 1\.22/);
  });
});
