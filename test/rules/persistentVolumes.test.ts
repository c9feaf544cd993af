import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';
import { messages, yaml } from './helpers';

describe('persistent volumes', () => {
  it('a PersistentVolume without spec is reported as the API server rejects it', () => {
    const text = yaml('apiVersion: v1', 'kind: PersistentVolume', 'metadata: {name: pv1}');
    const expected = ['spec.accessModes: Required value', 'spec.capacity: Required value', 'spec: Required value: must specify a volume type'];
    assert.deepEqual(messages(text), expected);
    // The simulated API server refuses it with the same field errors, and nothing is stored.
    const c = new Cluster({ seed: 1 });
    const [result] = c.applyText(text);
    assert.equal(result.ok, false);
    assert.equal(result.message, `PersistentVolume "pv1" is invalid: [${expected.join(', ')}]`);
    assert.equal(c.get('PersistentVolume', undefined, 'pv1'), undefined);
  });

  it('a complete PersistentVolume passes', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: PersistentVolume',
      'metadata: {name: pv1}',
      'spec:',
      '  capacity: {storage: 1Gi}',
      '  accessModes: [ReadWriteOnce]',
      '  csi: {driver: example.csi.dev, volumeHandle: v1}',
    );
    assert.deepEqual(messages(text), []);
  });
});
