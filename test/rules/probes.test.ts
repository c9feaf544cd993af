import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, runChecks, yaml } from './helpers';

function container(...lines: string[]): string {
  return yaml(
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: app}',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: nginx',
    ...lines.map((l) => `      ${l}`),
  );
}

describe('invalid-value: probes and lifecycle hooks', () => {
  it('forbids a second handler, on the later handler key', () => {
    const text = container('livenessProbe:', '  exec: {command: [true]}', '  httpGet: {path: /, port: 80}');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type');
    assert.equal(coveredText(text, d), 'httpGet');
  });

  it('requires a handler, except in Kustomize patches', () => {
    const text = container('readinessProbe:', '  periodSeconds: 5');
    const [d] = runChecks(text);
    assert.equal(d.message, 'spec.containers[0].readinessProbe: Required value: must specify a handler type');
    assert.equal(coveredText(text, d), 'readinessProbe');
    assert.deepEqual(messages(text, { isPatch: true }), []);
  });

  it('checks probe ports, thresholds and grace periods', () => {
    const text = container(
      'livenessProbe: {tcpSocket: {port: 0}, successThreshold: 2, periodSeconds: -1}',
      'readinessProbe: {httpGet: {port: HTTP}, terminationGracePeriodSeconds: 10}',
      'startupProbe: {grpc: {port: 70000}}',
    );
    assert.deepEqual(messages(text), [
      'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
      'spec.containers[0].startupProbe.grpc.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('forbids probes on plain init containers but allows them on sidecars', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: app}',
      'spec:',
      '  initContainers:',
      '    - {name: init, image: busybox, livenessProbe: {exec: {command: [true]}}}',
      '    - {name: sidecar, image: envoy, restartPolicy: Always, livenessProbe: {exec: {command: [true]}}}',
      '  containers: [{name: app, image: nginx}]',
    );
    assert.deepEqual(messages(text), ['spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']);
  });

  it('checks lifecycle handlers too', () => {
    const text = container('lifecycle:', '  preStop:', '    exec: {command: [sleep, "5"]}', '    sleep: {seconds: 5}');
    assert.deepEqual(messages(text), ['spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler type']);
  });
});
