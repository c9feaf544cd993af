import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { DOCUMENT_CHECKS } from '../../server/src/core/rules/index';
import { ruleInfo } from '../../server/src/core/rules/catalog';
import { runChecks, yaml } from './helpers';

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'ReplicationController'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
];

describe('document checks on malformed input', () => {
  it('every check reports under a catalogued rule id with its default severity', () => {
    for (const check of DOCUMENT_CHECKS) {
      const info = ruleInfo(check.id);
      assert.ok(info, `${check.name}: rule id ${check.id} is in the catalog`);
      assert.equal(check.defaultSeverity, info.defaultSeverity, check.name);
    }
    assert.equal(new Set(DOCUMENT_CHECKS.map((c) => c.name)).size, DOCUMENT_CHECKS.length, 'check names are unique');
  });

  it('never throw on fields of the wrong shape', () => {
    const shapes = ['null', '[]', '"text"', '42', '{}', '[null, 1, "x", {}]', 'true'];
    for (const [apiVersion, kind] of KINDS) {
      for (const shape of shapes) {
        const docs = [
          yaml(`apiVersion: ${apiVersion}`, `kind: ${kind}`, `metadata: ${shape}`, `spec: ${shape}`, `rules: ${shape}`, `data: ${shape}`),
          yaml(
            `apiVersion: ${apiVersion}`,
            `kind: ${kind}`,
            'metadata: {name: x}',
            'spec:',
            `  template: {metadata: ${shape}, spec: {containers: ${shape}, volumes: ${shape}}}`,
            `  selector: ${shape}`,
            `  ports: ${shape}`,
            `  rules: ${shape}`,
          ),
          yaml(
            `apiVersion: ${apiVersion}`,
            `kind: ${kind}`,
            'metadata: {name: x}',
            'spec:',
            `  containers: [{name: a, image: b, ports: ${shape}, resources: {limits: ${shape}, requests: ${shape}}, livenessProbe: ${shape}, env: ${shape}}]`,
          ),
        ];
        for (const text of docs) assert.doesNotThrow(() => runChecks(text), `${kind} with ${shape}`);
      }
    }
  });

  it('never throw on random documents of known kinds', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -70000, max: 70000 }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'name',
            'image',
            'ports',
            'containers',
            'spec',
            'template',
            'selector',
            'matchLabels',
            'matchExpressions',
            'operator',
            'values',
            'labels',
            'metadata',
            'resources',
            'limits',
            'requests',
            'cpu',
            'port',
            'targetPort',
            'rules',
            'verbs',
            'schedule',
            'paths',
            'backend',
            'service',
            'volumes',
            'volumeMounts',
            'strategy',
            'rollingUpdate',
          ),
          tie('node'),
          { maxKeys: 4 },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), value, value, ([apiVersion, kind], spec, metadata) => {
        const text = stringify({ apiVersion, kind, metadata, spec });
        runChecks(text);
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });
});
