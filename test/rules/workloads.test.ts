import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, runChecks, yaml } from './helpers';

function deploymentSpec(...spec: string[]): string {
  return yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    ...spec.map((l) => `  ${l}`),
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: nginx}]}',
  );
}

function cronJob(...spec: string[]): string {
  return yaml(
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: nightly}',
    'spec:',
    ...spec.map((l) => `  ${l}`),
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec: {restartPolicy: Never, containers: [{name: a, image: busybox}]}',
  );
}

describe('invalid-value: Deployment strategy and counters', () => {
  it('rejects maxUnavailable 0 with maxSurge 0', () => {
    const text = deploymentSpec('strategy:', '  rollingUpdate:', '    maxSurge: 0', '    maxUnavailable: 0');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
    assert.equal(coveredText(text, d), '0');
    assert.deepEqual(messages(deploymentSpec('strategy: {rollingUpdate: {maxSurge: 0%, maxUnavailable: "0%"}}')), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('applies the 25% defaults, except in Kustomize patches', () => {
    assert.deepEqual(messages(deploymentSpec('strategy: {rollingUpdate: {maxUnavailable: 0}}')), []);
    assert.deepEqual(messages(deploymentSpec('strategy: {rollingUpdate: {maxSurge: 0}}'), { isPatch: true }), []);
  });

  it('checks percent syntax, 100% and negative counts', () => {
    assert.deepEqual(messages(deploymentSpec('replicas: -1', 'strategy: {rollingUpdate: {maxSurge: 25, maxUnavailable: 150%}}', 'revisionHistoryLimit: -2')), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
      'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
    assert.deepEqual(messages(deploymentSpec('strategy: {rollingUpdate: {maxSurge: "25"}}')), [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
  });

  it('forbids rollingUpdate with the Recreate strategy, on the key', () => {
    const text = deploymentSpec('strategy:', '  type: Recreate', '  rollingUpdate: {maxSurge: 1}');
    const [d] = runChecks(text);
    assert.equal(d.message, "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    assert.equal(coveredText(text, d), 'rollingUpdate');
  });

  it('wants progressDeadlineSeconds above minReadySeconds (600 by default)', () => {
    assert.deepEqual(messages(deploymentSpec('minReadySeconds: 30', 'progressDeadlineSeconds: 30')), [
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ]);
    assert.deepEqual(messages(deploymentSpec('minReadySeconds: 600')), [
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
    assert.deepEqual(messages(deploymentSpec('minReadySeconds: 599')), []);
  });

  it('rejects rollingUpdate on an OnDelete StatefulSet', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  updateStrategy: {type: OnDelete, rollingUpdate: {partition: -1}}',
      '  selector: {matchLabels: {app: db}}',
      '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres}]}}',
    );
    assert.deepEqual(messages(text), [
      'spec.updateStrategy.rollingUpdate: Invalid value: {"partition":-1}: only allowed for updateStrategy \'RollingUpdate\'',
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});

describe('invalid-value: Jobs and CronJobs', () => {
  it('rejects an unparseable schedule with the parser error, on the value', () => {
    const text = cronJob('schedule: "0 0 * * 7"');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7');
    assert.equal(coveredText(text, d), '"0 0 * * 7"');
    assert.deepEqual(messages(cronJob('schedule: "*/5 * * *"')), [
      'spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
    ]);
  });

  it('rejects TZ in the schedule and unknown time zones', () => {
    assert.deepEqual(messages(cronJob('schedule: "TZ=Europe/Paris 0 3 * * *"')), [
      'spec.schedule: Invalid value: "TZ=Europe/Paris 0 3 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
    assert.deepEqual(messages(cronJob('schedule: "@daily"', 'timeZone: Europe/Pariss')), [
      'spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss',
    ]);
    assert.deepEqual(messages(cronJob('schedule: "@daily"', 'timeZone: America/New_York')), []);
  });

  it('rejects a hand-written selector without manualSelector', () => {
    const text = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: once}',
      'spec:',
      '  selector:',
      '    matchLabels: {app: once}',
      '  template:',
      '    metadata: {labels: {app: once}}',
      '    spec: {restartPolicy: Never, containers: [{name: a, image: b}]}',
    );
    const [d] = runChecks(text);
    assert.equal(d.message, 'spec.selector: Invalid value: {"matchLabels":{"app":"once"}}: `selector` not auto-generated');
    assert.equal(coveredText(text, d), 'selector');
  });

  it('checks counters and Indexed completions', () => {
    const text = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: once}',
      'spec:',
      '  completionMode: Indexed',
      '  backoffLimit: -1',
      '  template:',
      '    spec: {restartPolicy: Never, containers: [{name: a, image: b}]}',
    );
    assert.deepEqual(messages(text), [
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Required value: when completion mode is Indexed',
    ]);
  });

  it('requires a selector when manualSelector is true', () => {
    const text = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: once}',
      'spec:',
      '  manualSelector: true',
      '  template:',
      '    spec: {restartPolicy: Never, containers: [{name: a, image: b}]}',
    );
    assert.deepEqual(messages(text), ['spec.selector: Required value']);
  });
});

describe('invalid-value: autoscalers, disruption budgets and claims', () => {
  it('wants 1 <= minReplicas <= maxReplicas', () => {
    const text = yaml(
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: web}',
      'spec:',
      '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
      '  minReplicas: 5',
      '  maxReplicas: 3',
    );
    const [d] = runChecks(text);
    assert.equal(d.message, 'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`');
    assert.equal(coveredText(text, d), '3');
    assert.deepEqual(
      messages(
        yaml(
          'apiVersion: autoscaling/v1',
          'kind: HorizontalPodAutoscaler',
          'metadata: {name: web}',
          'spec: {minReplicas: 0, maxReplicas: 0, scaleTargetRef: {kind: Deployment, name: web}}',
        ),
      ),
      ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1', 'spec.maxReplicas: Invalid value: 0: must be greater than 0'],
    );
  });

  it('forbids minAvailable together with maxUnavailable', () => {
    const text = yaml('apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: web}', 'spec:', '  minAvailable: 1', '  maxUnavailable: 110%');
    assert.deepEqual(messages(text), [
      'spec: Invalid value: {"minAvailable":1,"maxUnavailable":"110%"}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
    ]);
  });

  it('requires access modes and a positive storage request on claims and claim templates', () => {
    const pvc = yaml('apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata: {name: data}', 'spec:', '  storageClassName: fast');
    const ds = runChecks(pvc);
    assert.deepEqual(
      ds.map((d) => d.message),
      ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value'],
    );
    assert.equal(coveredText(pvc, ds[0]), 'spec');
    assert.deepEqual(messages(pvc, { isPatch: true }), []);
    const sts = yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  selector: {matchLabels: {app: db}}',
      '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres}]}}',
      '  volumeClaimTemplates:',
      '    - metadata: {name: data}',
      '      spec: {accessModes: [ReadWriteOncePod, ReadWriteOnce], resources: {requests: {storage: 0}}}',
    );
    assert.deepEqual(messages(sts), [
      'spec.volumeClaimTemplates[0].spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      'spec.volumeClaimTemplates[0].spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });
});

describe('invalid-value: ConfigMap and Secret data', () => {
  it('rejects bad keys, on the key, and keys present in both data and binaryData', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', 'data:', '  "my key": x', '  logo: y', 'binaryData:', '  logo: aGk=');
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        "data[my key]: Invalid value: \"my key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        'data[logo]: Invalid value: "logo": duplicate of key present in binaryData',
      ],
    );
    assert.equal(coveredText(text, ds[0]), '"my key"');
  });

  it('requires the keys of typed Secrets, counting stringData', () => {
    const tls = yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: cert}', 'type: kubernetes.io/tls', 'stringData:', '  tls.crt: x');
    assert.deepEqual(messages(tls), ['data[tls.key]: Required value']);
    const sa = yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: token}', 'type: kubernetes.io/service-account-token');
    assert.deepEqual(messages(sa), ['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'stringData: {"..x": y}')), [
      'data[..x]: Invalid value: "..x": must not start with \'..\'',
    ]);
  });
});
