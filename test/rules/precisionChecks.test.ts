/** probe-port, duplicate-env, NetworkPolicy values and pod templates without a pod spec. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { coveredText, deployment as podDeployment, rangeText, runChecks, yaml } from './helpers';

/** `[code, range, covered text, message]` of every diagnostic. */
function found(text: string, options: Parameters<typeof runChecks>[1] = {}): [string | undefined, string, string, string][] {
  return runChecks(text, options).map((d) => [d.code, rangeText(d), coveredText(text, d), d.message]);
}

const deployment = (...containerLines: string[]) => podDeployment('containers:', ...containerLines.map((l) => `  ${l}`));

describe('probe-port', () => {
  it('warns when a probe names a port its container does not declare', () => {
    const text = deployment(
      '- name: web',
      '  image: nginx',
      '  ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]',
      '  readinessProbe: {httpGet: {path: /ready, port: healthz}}',
      '  livenessProbe: {tcpSocket: {port: http}}',
      '  startupProbe: {httpGet: {port: 8081}}',
    );
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0, 'declared names and numbers are fine');
    assert.equal(d.code, 'probe-port');
    assert.equal(d.severity, 'warning');
    assert.equal(rangeText(d), '12:57-12:64');
    assert.equal(coveredText(text, d), 'healthz');
    assert.equal(
      d.message,
      "readinessProbe of container 'web' uses port 'healthz', which the container does not declare; it declares 'http', 'metrics'; the probe always fails.",
    );
  });

  it('explains a port declared by another container of the pod', () => {
    const text = deployment(
      '- name: web',
      '  image: nginx',
      '  livenessProbe: {tcpSocket: {port: admin}}',
      '- name: sidecar',
      '  image: envoy',
      '  ports: [{name: admin, containerPort: 9901}]',
    );
    assert.deepEqual(found(text), [
      [
        'probe-port',
        '11:44-11:49',
        'admin',
        "livenessProbe of container 'web' uses port 'admin', which the container does not declare; container 'sidecar' declares it, but a probe only sees its own container's ports; the probe always fails.",
      ],
    ]);
  });

  it('checks sidecar init containers, and leaves container without named ports a clear message', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '    - {name: proxy, image: envoy, restartPolicy: Always, startupProbe: {httpGet: {port: ready}}}',
      '  containers:',
      '    - {name: app, image: nginx}',
    );
    assert.deepEqual(found(text), [
      [
        'probe-port',
        '5:88-5:93',
        'ready',
        "startupProbe of container 'proxy' uses port 'ready', which the container does not declare; it declares no named ports; the probe always fails.",
      ],
    ]);
  });
});

describe('duplicate-env', () => {
  it('warns with the API server text on each later definition', () => {
    const text = deployment(
      '- name: web',
      '  image: nginx',
      '  env:',
      '    - {name: MODE, value: a}',
      '    - {name: PATH, value: /bin}',
      '    - {name: MODE, value: b}',
      '    - {name: PATH, value: "$(PATH):/opt/bin"}',
      '    - {name: MODE, valueFrom: {fieldRef: {fieldPath: metadata.name}}}',
    );
    assert.deepEqual(found(text), [
      [
        'duplicate-env',
        '14:21-14:25',
        'MODE',
        'spec.template.spec.containers[0].env[2]: hides previous definition of "MODE", which may be dropped when using apply',
      ],
      [
        'duplicate-env',
        '16:21-16:25',
        'MODE',
        'spec.template.spec.containers[0].env[4]: hides previous definition of "MODE", which may be dropped when using apply',
      ],
    ]);
    assert.equal(runChecks(text)[0].severity, 'warning');
  });

  it('reports a plain self-reference, and nothing for the same name in two containers', () => {
    const text = deployment(
      '- name: a',
      '  image: x',
      '  env: [{name: X, value: "1"}, {name: X, value: "$(X)"}]',
      '- name: b',
      '  image: x',
      '  env: [{name: X, value: "1"}]',
    );
    assert.deepEqual(
      found(text).map((f) => f[3]),
      ['spec.template.spec.containers[0].env[1]: hides previous definition of "X", which may be dropped when using apply'],
    );
  });
});

const policy = (...specLines: string[]) =>
  yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: np}', 'spec:', '  podSelector: {}', ...specLines.map((l) => `  ${l}`));

describe('invalid-value: NetworkPolicy', () => {
  it('requires ipBlock.except entries to be strict subsets of cidr', () => {
    const text = policy(
      'ingress:',
      '  - from:',
      '      - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24, 10.0.0.0/16, 192.168.0.0/24, 10.0.0.0/8, "fd00::/64"]}',
      'egress:',
      '  - to:',
      '      - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48", "2001:db9::/48"]}',
    );
    assert.deepEqual(found(text), [
      [
        'invalid-value',
        '7:61-7:72',
        '10.0.0.0/16',
        'spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      ],
      [
        'invalid-value',
        '7:74-7:88',
        '192.168.0.0/24',
        'spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
      ],
      [
        'invalid-value',
        '7:90-7:100',
        '10.0.0.0/8',
        'spec.ingress[0].from[0].ipBlock.except[3]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
      ],
      [
        'invalid-value',
        '7:102-7:113',
        '"fd00::/64"',
        'spec.ingress[0].from[0].ipBlock.except[4]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
      ],
      [
        'invalid-value',
        '10:71-10:86',
        '"2001:db9::/48"',
        'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "2001:db9::/48": must be a strict subset of `cidr`',
      ],
    ]);
  });

  it('requires endPort to be at least port, and a numeric port', () => {
    const text = policy(
      'egress:',
      '  - ports:',
      '      - {port: 8000, endPort: 9000}',
      '      - {port: 9000, endPort: 8000}',
      '      - {port: http, endPort: 8080}',
      '      - {endPort: 8080}',
    );
    assert.deepEqual(found(text), [
      ['invalid-value', '8:32-8:36', '8000', 'spec.egress[0].ports[1].endPort: Invalid value: 9000: must be greater than or equal to `port`'],
      ['invalid-value', '9:32-9:36', '8080', 'spec.egress[0].ports[2].endPort: Invalid value: 8080: may not be specified when `port` is non-numeric'],
      ['invalid-value', '10:20-10:24', '8080', 'spec.egress[0].ports[3].endPort: Invalid value: 8080: may not be specified when `port` is not specified'],
    ]);
  });
});

describe('invalid-value: pod templates without a pod spec', () => {
  it('reports a template without spec on the template key', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
    );
    assert.deepEqual(found(text), [['invalid-value', '5:2-5:10', 'template', 'spec.template.spec.containers: Required value']]);
    assert.deepEqual(found(text, { isPatch: true }), []);
  });

  it('reports `spec:` without a value, an empty container list, a CronJob and a bare Pod', () => {
    const nullSpec = yaml(
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: d}',
      'spec:',
      '  selector: {matchLabels: {a: b}}',
      '  template:',
      '    metadata: {labels: {a: b}}',
      '    spec:',
    );
    assert.deepEqual(found(nullSpec), [['invalid-value', '7:4-7:8', 'spec', 'spec.template.spec.containers: Required value']]);
    const empty = yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: c}',
      'spec:',
      '  schedule: "@daily"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec: {restartPolicy: Never, containers: []}',
    );
    assert.deepEqual(found(empty), [['invalid-value', '8:49-8:51', '[]', 'spec.jobTemplate.spec.template.spec.containers: Required value']]);
    const pod = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}');
    assert.deepEqual(found(pod), [['invalid-value', '0:0-0:14', 'apiVersion: v1', 'spec.containers: Required value']]);
  });
});

describe('rule pages of the document checks', () => {
  for (const rule of ['probe-port', 'duplicate-env']) {
    it(`${rule}: the documented example produces the documented message`, () => {
      const markdown = readFileSync(resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${rule}.md`), 'utf8');
      const example = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
      const quoted = /^> (.+)$/m.exec(markdown)?.[1];
      assert.deepEqual(
        runChecks(example).map((d) => [d.code, d.message]),
        [[rule, quoted]],
      );
    });
  }
});
