import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, runChecks, yaml } from './helpers';

function workload(kind: string, apiVersion: string, ...podSpec: string[]): string {
  return yaml(
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata: {name: app}',
    'spec:',
    '  selector: {matchLabels: {app: app}}',
    '  template:',
    '    metadata: {labels: {app: app}}',
    '    spec:',
    ...podSpec.map((l) => `      ${l}`),
  );
}

function pod(...podSpec: string[]): string {
  return yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: app}', 'spec:', ...podSpec.map((l) => `  ${l}`));
}

const CONTAINER = 'containers: [{name: app, image: nginx}]';

describe('invalid-value: restart policies', () => {
  it('only allows Always in Deployment-like templates', () => {
    const text = workload('Deployment', 'apps/v1', 'restartPolicy: Never', CONTAINER);
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
    assert.equal(d.data?.suggestion, 'Always');
    assert.equal(coveredText(text, d), 'Never');
    for (const [kind, api] of [
      ['StatefulSet', 'apps/v1'],
      ['DaemonSet', 'apps/v1'],
      ['ReplicaSet', 'apps/v1'],
      ['ReplicationController', 'v1'],
    ]) {
      const restart = messages(workload(kind, api, 'restartPolicy: OnFailure', CONTAINER)).filter((m) => m.includes('restartPolicy'));
      assert.deepEqual(restart, ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'], kind);
    }
  });

  it('forbids activeDeadlineSeconds in Deployment-like templates', () => {
    assert.deepEqual(messages(workload('Deployment', 'apps/v1', 'activeDeadlineSeconds: 30', CONTAINER)), [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
    assert.deepEqual(messages(workload('StatefulSet', 'apps/v1', 'activeDeadlineSeconds: 30', CONTAINER)), [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });

  it('requires OnFailure or Never in Jobs and CronJobs, also when absent', () => {
    const job = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: once}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers: [{name: a, image: busybox}]',
    );
    const [d] = runChecks(job);
    assert.equal(d.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    assert.equal(coveredText(job, d), 'spec', 'on the template spec key, the deepest existing field');
    const always = yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: nightly}',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Always',
      '          containers: [{name: a, image: busybox}]',
    );
    const [c] = runChecks(always);
    assert.equal(c.message, 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    assert.equal(coveredText(always, c), 'Always');
    assert.deepEqual(messages(job, { isPatch: true }), []);
  });

  it('leaves bare Pods free to use any restart policy', () => {
    assert.deepEqual(messages(pod('restartPolicy: Never', CONTAINER)), []);
  });
});

describe('invalid-value: volumes and mounts', () => {
  it('reports a mount naming a volume the pod does not have', () => {
    const text = pod(
      'containers:',
      '  - name: app',
      '    image: nginx',
      '    volumeMounts:',
      '      - {name: data, mountPath: /data}',
      'volumes:',
      '  - {name: config, configMap: {name: c}}',
    );
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.containers[0].volumeMounts[0].name: Not found: "data"');
    assert.equal(coveredText(text, d), 'data');
  });

  it('lets StatefulSet containers mount their volumeClaimTemplates', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  selector: {matchLabels: {app: db}}',
      '  template:',
      '    metadata: {labels: {app: db}}',
      '    spec:',
      '      containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /data}]}]',
      '  volumeClaimTemplates:',
      '    - metadata: {name: data}',
      '      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
    );
    assert.deepEqual(messages(text), []);
  });

  it('does not look up volumes in Kustomize patches', () => {
    assert.deepEqual(messages(pod('containers:', '  - name: app', '    volumeMounts: [{name: data, mountPath: /data}]'), { isPatch: true }), []);
  });

  it('finds duplicate volume names, extra volume sources, duplicate mount paths and escaping subPaths', () => {
    const text = pod(
      'containers:',
      '  - name: app',
      '    image: nginx',
      '    volumeMounts:',
      '      - {name: a, mountPath: /data}',
      '      - {name: a, mountPath: /data, subPath: ../etc}',
      'volumes:',
      '  - name: a',
      '    emptyDir: {}',
      '    hostPath: {path: /tmp}',
      '  - {name: a, emptyDir: {}}',
      '  - {name: Bad_Name, emptyDir: {}}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type',
        'spec.volumes[1].name: Duplicate value: "a"',
        'spec.volumes[2].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
        'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
        'spec.containers[0].volumeMounts[1].subPath: Invalid value: "../etc": must not contain \'..\'',
      ],
    );
    assert.equal(coveredText(text, ds[0]), 'emptyDir');
  });

  it('defaults a volume without a source to emptyDir', () => {
    assert.deepEqual(messages(pod('containers: [{name: app, image: x, volumeMounts: [{name: scratch, mountPath: /s}]}]', 'volumes: [{name: scratch}]')), []);
  });
});

describe('invalid-value: host ports and pod fields', () => {
  it('finds duplicate host ports across containers and host ports that differ under hostNetwork', () => {
    const text = pod(
      'hostNetwork: true',
      'containers:',
      '  - {name: a, image: x, ports: [{containerPort: 80, hostPort: 8080}]}',
      '  - {name: b, image: x, ports: [{containerPort: 8080, hostPort: 8080}]}',
    );
    assert.deepEqual(messages(text), [
      'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      'spec.containers[1].ports[0].hostPort: Duplicate value: "8080/TCP"',
    ]);
  });

  it('checks hostname, subdomain, serviceAccountName, dnsConfig and nodeSelector', () => {
    const text = pod('hostname: web.1', 'serviceAccountName: Robot', 'dnsPolicy: None', 'nodeSelector: {"bad key": x}', CONTAINER);
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message.split(':').slice(0, 3).join(':')),
      [
        'spec.hostname: Invalid value: "web.1"',
        'spec.serviceAccountName: Invalid value: "Robot"',
        'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
        'spec.nodeSelector: Invalid value: "bad key"',
      ],
    );
  });
});
