import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, runChecks, yaml } from './helpers';

describe('invalid-value: enum-like fields', () => {
  it('rejects a misspelt imagePullPolicy with a suggestion, on the value', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: app}',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: nginx',
      '      imagePullPolicy: Allways',
    );
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.containers[0].imagePullPolicy: Unsupported value: "Allways": supported values: "Always", "IfNotPresent", "Never"');
    assert.equal(d.data?.suggestion, 'Always');
    assert.equal(coveredText(text, d), 'Allways');
  });

  it('is case-sensitive like the API server', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: app}',
      'spec:',
      '  containers:',
      '    - {name: app, image: x, ports: [{containerPort: 80, protocol: tcp}]}',
    );
    const [d] = runChecks(text);
    assert.equal(d.message, 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"');
    assert.equal(d.data?.suggestion, 'TCP');
  });

  it('covers Service, Ingress, PVC, Deployment and CronJob enums', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: s}',
      'spec: {type: LoadBalancr, sessionAffinity: Sticky, ports: [{port: 80, protocol: HTTP}]}',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata: {name: i}',
      'spec: {rules: [{http: {paths: [{path: /, pathType: prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}',
      '---',
      'apiVersion: v1',
      'kind: PersistentVolumeClaim',
      'metadata: {name: p}',
      'spec: {accessModes: [ReadWriteOne], volumeMode: Raw, resources: {requests: {storage: 1Gi}}}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d}',
      'spec:',
      '  strategy: {type: Rolling}',
      '  selector: {matchLabels: {a: b}}',
      '  template: {metadata: {labels: {a: b}}, spec: {dnsPolicy: ClusterFirstWithHostNetwork, containers: [{name: a, image: b}]}}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: c}',
      'spec:',
      '  schedule: "@daily"',
      '  concurrencyPolicy: forbid',
      '  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: b}]}}}}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => [d.message, d.data?.suggestion]),
      [
        ['spec.type: Unsupported value: "LoadBalancr": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"', 'LoadBalancer'],
        ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"', undefined],
        ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"', undefined],
        ['spec.rules[0].http.paths[0].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"', 'Prefix'],
        [
          'spec.accessModes[0]: Unsupported value: "ReadWriteOne": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
          'ReadWriteOnce',
        ],
        ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"', undefined],
        ['spec.strategy.type: Unsupported value: "Rolling": supported values: "Recreate", "RollingUpdate"', undefined],
        [
          'spec.template.spec.dnsPolicy: Unsupported value: "ClusterFirstWithHostNetwork": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
          undefined,
        ],
        ['spec.concurrencyPolicy: Unsupported value: "forbid": supported values: "Allow", "Forbid", "Replace"', 'Forbid'],
      ],
    );
  });

  it('uses the StatefulSet wording for its policies', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  podManagementPolicy: Paralel',
      '  updateStrategy: {type: Rolling}',
      '  selector: {matchLabels: {a: b}}',
      '  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: a, image: b}]}}',
    );
    assert.deepEqual(messages(text), [
      "spec.updateStrategy: Invalid value: \"Rolling\": must be 'RollingUpdate' or 'OnDelete'",
      "spec.podManagementPolicy: Invalid value: \"Paralel\": must be 'OrderedReady' or 'Parallel'",
    ]);
  });

  it('follows the Kubernetes version: toleration operator Lt exists from 1.35 on', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: app}',
      'spec:',
      '  tolerations: [{key: gpu-count, operator: Lt, value: "4", effect: NoSchedule}]',
      '  containers: [{name: a, image: b}]',
    );
    assert.deepEqual(messages(text, { kubernetesVersion: '1.35' }), []);
    assert.deepEqual(messages(text, { kubernetesVersion: '1.34' }), [
      'spec.tolerations[0].operator: Unsupported value: "Lt": supported values: "Equal", "Exists"',
    ]);
  });

  it('accepts empty strings (defaulted) and leaves non-strings to the schema', () => {
    assert.deepEqual(
      messages(
        yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: app}', 'spec:', '  restartPolicy: ""', '  containers: [{name: a, image: b, imagePullPolicy: 1}]'),
      ),
      [],
    );
  });
});
