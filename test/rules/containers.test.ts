import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, deployment, messages, runChecks } from './helpers';

describe('invalid-value: containers', () => {
  it('rejects a container port out of range, on the value', () => {
    const text = deployment('containers:', '  - name: web', '    image: nginx', '    ports:', '      - containerPort: 70000');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    assert.equal(coveredText(text, d), '70000');
  });

  it('requires an image, on the first line of the container when the key is missing', () => {
    const text = deployment('containers:', '  - name: web');
    const [d] = runChecks(text);
    assert.equal(d.message, 'spec.template.spec.containers[0].image: Required value');
    assert.equal(coveredText(text, d), 'name: web');
    assert.deepEqual(messages(deployment('containers:', '  - name: web', '    image: ""')), ['spec.template.spec.containers[0].image: Required value']);
    assert.deepEqual(messages(deployment('containers:', '  - name: web', '    image: " nginx"')), [
      'spec.template.spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it('does not require images in Kustomize patches', () => {
    assert.deepEqual(messages(deployment('containers:', '  - name: web', '    env: [{name: A, value: b}]'), { isPatch: true }), []);
  });

  it('validates container names and finds duplicates across containers, init and ephemeral containers', () => {
    const text = deployment(
      'initContainers:',
      '  - {name: web, image: busybox}',
      'containers:',
      '  - {name: web, image: nginx}',
      '  - {name: Web_2, image: nginx}',
      '  - {name: web, image: nginx}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.template.spec.containers[1].name: Invalid value: "Web_2": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
        'spec.template.spec.containers[2].name: Duplicate value: "web"',
        'spec.template.spec.initContainers[0].name: Duplicate value: "web"',
      ],
    );
    assert.equal(coveredText(text, ds[1]), 'web');
  });

  it('validates port names as IANA service names and finds duplicates within a container', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    ports:',
      '      - {name: http, containerPort: 80}',
      '      - {name: http, containerPort: 81}',
      '      - {name: web_metrics, containerPort: 82}',
      '      - {name: "9090", containerPort: 9090}',
    );
    assert.deepEqual(messages(text), [
      'spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"',
      'spec.template.spec.containers[0].ports[2].name: Invalid value: "web_metrics": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.template.spec.containers[0].ports[3].name: Invalid value: "9090": must contain at least one letter (a-z)',
    ]);
  });

  it('allows the same port name in two containers', () => {
    const text = deployment(
      'containers:',
      '  - {name: a, image: x, ports: [{name: http, containerPort: 80}]}',
      '  - {name: b, image: x, ports: [{name: http, containerPort: 81}]}',
    );
    assert.deepEqual(messages(text), []);
  });

  it('checks host ports and containerPort 0', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    ports:',
      '      - {containerPort: 0}',
      '      - {containerPort: 80, hostPort: 99999}',
    );
    assert.deepEqual(messages(text), [
      'spec.template.spec.containers[0].ports[0].containerPort: Required value',
      'spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 99999: must be between 1 and 65535, inclusive',
    ]);
  });

  it('checks env var names and value sources', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    env:',
      '      - {name: "A=B", value: x}',
      '      - name: C',
      '        value: literal',
      '        valueFrom: {fieldRef: {fieldPath: metadata.name}}',
      '      - name: D',
      '        valueFrom: {fieldRef: {fieldPath: metadata.name}, secretKeyRef: {name: s, key: k}}',
    );
    assert.deepEqual(messages(text), [
      `spec.template.spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'spec.template.spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.template.spec.containers[0].env[2].valueFrom: Invalid value: "": may not have more than one field specified at a time',
    ]);
  });
});

describe('invalid-value: container resources', () => {
  it('rejects requests above limits with the canonical quantities', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    resources:',
      '      requests: {cpu: "2", memory: 2048Mi}',
      '      limits: {cpu: 1, memory: 1Gi}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
        'spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      ],
    );
    assert.equal(coveredText(text, ds[0]), '"2"');
    assert.equal(coveredText(text, ds[1]), '2048Mi');
  });

  it('compares quantities numerically across units', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    resources:',
      '      requests: {cpu: 1000m, memory: 1e9}',
      '      limits: {cpu: "1", memory: 1G}',
    );
    assert.deepEqual(messages(text), []);
  });

  it('reports negative values and unknown resource names with a suggestion, and leaves syntax to the schema', () => {
    const text = deployment(
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    resources:',
      '      limits: {cpu: 1x, memory: "-1Gi", cpus: 1}',
      '      requests: {cpu: 2}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        'spec.template.spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
        'spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
      ],
    );
    assert.equal(ds[1].data?.suggestion, 'cpu');
    assert.equal(coveredText(text, ds[1]), 'cpus');
  });

  it('requires limits equal to requests for extended resources', () => {
    const text = deployment(
      'containers:',
      '  - name: gpu',
      '    image: cuda',
      '    resources:',
      '      requests: {nvidia.com/gpu: 2}',
      '      limits: {nvidia.com/gpu: 1}',
    );
    assert.deepEqual(messages(text), ['spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be equal to nvidia.com/gpu limit of 1']);
    const noLimit = deployment('containers:', '  - name: gpu', '    image: cuda', '    resources:', '      requests: {nvidia.com/gpu: 1}');
    assert.deepEqual(messages(noLimit), [
      'spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
    const fraction = deployment('containers:', '  - name: gpu', '    image: cuda', '    resources:', '      limits: {nvidia.com/gpu: 0.5}');
    assert.deepEqual(messages(fraction), ['spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer']);
  });
});
