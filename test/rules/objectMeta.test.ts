import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, rangeText, runChecks, yaml } from './helpers';

const SUBDOMAIN_DETAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('invalid-value: object metadata', () => {
  it('rejects a ConfigMap name that is not a DNS subdomain, on the name value', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: My_App');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'invalid-value');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, `metadata.name: Invalid value: "My_App": ${SUBDOMAIN_DETAIL}`);
    assert.equal(rangeText(d), '3:8-3:14');
    assert.deepEqual(d.data?.path, ['metadata', 'name']);
  });

  it('uses DNS-1035 labels for Services, DNS labels for Namespaces and path segments for RBAC', () => {
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: 1st-svc', 'spec:', '  ports: [{port: 80}]')), [
      `metadata.name: Invalid value: "1st-svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: team.a')), [
      'metadata.name: Invalid value: "team.a": must not contain dots',
    ]);
    assert.deepEqual(messages(yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: System:Reader')), []);
    assert.deepEqual(messages(yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: a/b')), [
      'metadata.name: Invalid value: "a/b": may not contain \'/\'',
    ]);
  });

  it('accepts a 253-character subdomain and rejects 254', () => {
    const ok = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${'a'.repeat(253)}`);
    assert.deepEqual(messages(ok), []);
    const long = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${'a'.repeat(254)}`);
    assert.deepEqual(messages(long), [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 bytes`]);
  });

  it('requires a name or generateName, except in Kustomize patches', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  labels: {a: b}');
    const [d] = runChecks(text);
    assert.equal(d.message, 'metadata.name: Required value: name or generateName is required');
    assert.equal(coveredText(text, d), 'metadata');
    assert.deepEqual(messages(text, { isPatch: true }), []);
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  generateName: job-', 'spec:', '  containers: [{name: a, image: b}]')), []);
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  generateName: Job-', 'spec:', '  containers: [{name: a, image: b}]')), [
      `metadata.generateName: Invalid value: "Job-": ${SUBDOMAIN_DETAIL}`,
    ]);
  });

  it('leaves names of custom resources and non-Kubernetes kinds alone', () => {
    assert.deepEqual(messages(yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata:', '  name: Not_Valid')), []);
    assert.deepEqual(messages(yaml('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources: [a.yaml]')), []);
  });

  it('rejects a namespace that is not a DNS label', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cfg', '  namespace: Prod');
    const [d] = runChecks(text);
    assert.match(d.message, /^metadata\.namespace: Invalid value: "Prod": a lowercase RFC 1123 label must consist/);
    assert.equal(coveredText(text, d), 'Prod');
  });

  it('limits CronJob names to 52 characters and Job names to 63', () => {
    const cron = `c${'x'.repeat(52)}`;
    const text = yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      `  name: ${cron}`,
      'spec:',
      '  schedule: "@daily"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers: [{name: a, image: b}]',
    );
    assert.deepEqual(messages(text), [`metadata.name: Invalid value: "${cron}": must be no more than 52 characters`]);
    const job = `j${'x'.repeat(63)}`;
    const jobText = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      `  name: ${job}`,
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers: [{name: a, image: b}]',
    );
    assert.deepEqual(messages(jobText), [`spec.template.labels: Invalid value: "${job}": must be no more than 63 bytes`]);
  });
});

describe('invalid-value: labels and annotations', () => {
  it('reports a bad label key on the key and a bad value on the value, naming the map like the API server', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cfg', '  labels:', '    "my key": ok', '    app: "foo bar"');
    const ds = runChecks(text);
    assert.equal(ds.length, 2);
    assert.match(ds[0].message, /^metadata\.labels: Invalid value: "my key": name part must consist of alphanumeric characters/);
    assert.equal(coveredText(text, ds[0]), '"my key"');
    assert.equal(
      ds[1].message,
      `metadata.labels: Invalid value: "foo bar": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
    assert.equal(coveredText(text, ds[1]), '"foo bar"');
  });

  it('rejects label values over 63 bytes, in pod templates too', () => {
    const long = 'v'.repeat(64);
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata:',
      `      labels: {app: web, build: ${long}}`,
      '    spec:',
      '      containers: [{name: web, image: nginx}]',
    );
    assert.deepEqual(messages(text), [`spec.template.metadata.labels: Invalid value: "${long}": must be no more than 63 bytes`]);
  });

  it('ignores label values that are not strings (the schema reports those)', () => {
    assert.deepEqual(messages(yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cfg', '  labels: {version: 1.5, enabled: true}')), []);
  });

  it('checks annotation keys case-insensitively and their total size', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cfg', '  annotations:', '    Example.com/Owner: me', '    "bad/key/twice": x');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.match(d.message, /^metadata\.annotations: Invalid value: "bad\/key\/twice": a valid label key must consist/);
    const big = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cfg', '  annotations:', `    big: ${'x'.repeat(262145)}`);
    const [size] = runChecks(big);
    assert.equal(size.message, 'metadata.annotations: Too long: must have at most 262144 bytes');
    assert.equal(coveredText(big, size), 'annotations');
  });

  it('skips template placeholders rendered by other tools', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web-{{ .Release.Name }}',
      '  labels: {app: "${APP}"}',
      'spec:',
      '  containers: [{name: web, image: nginx}]',
    );
    assert.deepEqual(messages(text), []);
  });
});
