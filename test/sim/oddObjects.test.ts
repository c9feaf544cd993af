import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';

/** Every kind a controller of the simulator watches, with its apiVersion. */
const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'PersistentVolume'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'Namespace'],
  ['v1', 'Node'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['policy/v1', 'PodDisruptionBudget'],
];

/** Shapes the API may store: no spec, empty spec, null spec, empty nested objects. */
const SHAPES: [string, Record<string, unknown>][] = [
  ['no spec', {}],
  ['empty spec', { spec: {} }],
  ['null spec', { spec: null }],
  [
    'empty nested fields',
    { spec: { selector: {}, template: {}, ports: [], rules: [], jobTemplate: {}, scaleTargetRef: {}, claimRef: {}, capacity: {}, metrics: [] }, data: {} },
  ],
  ['nulls inside spec', { spec: { selector: null, template: null, replicas: null, schedule: null, capacity: null, accessModes: null, containers: null } }],
];

describe('controllers tolerate every object the API stores', () => {
  for (const [shapeName, shape] of SHAPES) {
    it(`${shapeName}: applying every kind and running 5 minutes never throws`, () => {
      const c = new Cluster({ seed: 11 });
      const objects = KINDS.map(([apiVersion, kind]) => ({
        apiVersion,
        kind,
        metadata: { name: `odd-${kind.toLowerCase()}`, labels: { app: 'odd' } },
        ...structuredClone(shape),
      }));
      const results = c.apply(objects);
      for (const result of results) assert.doesNotMatch(result.message, /TypeError|Cannot read|undefined|InternalError/, `${result.kind}: ${result.message}`);
      assert.doesNotThrow(() => c.runFor(5 * 60_000));
      // What was stored can be deleted again, and the controllers still settle.
      for (const [, kind] of KINDS) c.delete({ kind, name: `odd-${kind.toLowerCase()}` });
      assert.doesNotThrow(() => c.runFor(5 * 60_000));
    });
  }
});
