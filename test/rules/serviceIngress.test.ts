import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, rangeText, runChecks, yaml } from './helpers';

function service(...spec: string[]): string {
  return yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', ...spec.map((l) => `  ${l}`));
}

function ingress(...spec: string[]): string {
  return yaml('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: web}', 'spec:', ...spec.map((l) => `  ${l}`));
}

describe('invalid-value: Services', () => {
  it('requires port names when there are several ports, on the port entry', () => {
    const text = service('ports:', '  - port: 80', '  - port: 443');
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    );
    assert.equal(coveredText(text, ds[1]), 'port: 443');
  });

  it('finds duplicate names and duplicate port/protocol pairs', () => {
    const text = service('ports:', '  - {name: web, port: 80}', '  - {name: web, port: 80, protocol: TCP}', '  - {name: dns, port: 80, protocol: UDP}');
    assert.deepEqual(messages(text), ['spec.ports[1].name: Duplicate value: "web"', 'spec.ports[1]: Duplicate value: {"protocol":"TCP","port":80}']);
  });

  it('checks port numbers, target ports and port names', () => {
    const text = service('ports:', '  - {name: HTTP, port: 0, targetPort: "8080"}', '  - {name: b, port: 81, targetPort: 65536}');
    assert.deepEqual(
      messages(text).map((m) => m.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
        'spec.ports[1].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive',
      ],
    );
  });

  it('checks node ports against the type and the default range', () => {
    assert.deepEqual(messages(service('ports: [{port: 80, nodePort: 30080}]')), [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    const text = service(
      'type: NodePort',
      'ports:',
      '  - {name: a, port: 80, nodePort: 8080}',
      '  - {name: b, port: 81, nodePort: 30001}',
      '  - {name: c, port: 82, nodePort: 30001}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
        'spec.ports[2].nodePort: Duplicate value: 30001',
      ],
    );
    assert.equal(coveredText(text, ds[0]), '8080');
  });

  it('requires ports except for headless and ExternalName Services', () => {
    assert.deepEqual(messages(service('selector: {app: web}')), ['spec.ports: Required value']);
    assert.deepEqual(messages(service('clusterIP: None', 'selector: {app: web}')), []);
    assert.deepEqual(messages(service('type: ExternalName', 'externalName: db.example.com')), []);
    assert.deepEqual(messages(service('type: ExternalName')), ['spec.externalName: Required value']);
    assert.deepEqual(messages(service('selector: {app: web}'), { isPatch: true }), []);
  });

  it('checks type-dependent fields', () => {
    assert.deepEqual(messages(service('type: NodePort', 'clusterIP: None', 'ports: [{port: 80}]')), [
      'spec.clusterIP: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ]);
    assert.deepEqual(messages(service('externalTrafficPolicy: Local', 'ports: [{port: 80}]')), [
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    assert.match(
      messages(service('type: ExternalName', 'externalName: DB_HOST'))[0],
      /^spec\.externalName: Invalid value: "DB_HOST": a lowercase RFC 1123 subdomain/,
    );
  });

  it('validates the selector as labels', () => {
    const text = service('selector: {app: "web server"}', 'ports: [{port: 80}]');
    const [d] = runChecks(text);
    assert.match(d.message, /^spec\.selector: Invalid value: "web server": a valid label must be an empty string/);
    assert.equal(coveredText(text, d), '"web server"');
  });
});

describe('invalid-value: Ingresses', () => {
  it('requires absolute paths for Exact and Prefix, and for non-empty ImplementationSpecific paths', () => {
    const text = ingress(
      'rules:',
      '  - http:',
      '      paths:',
      '        - {path: api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}',
      '        - {path: "*", pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 80}}}}',
      '        - {path: /a//b, pathType: Exact, backend: {service: {name: api, port: {number: 80}}}}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
        'spec.rules[0].http.paths[1].path: Invalid value: "*": must be an absolute path',
        'spec.rules[0].http.paths[2].path: Invalid value: "/a//b": must not contain \'//\'',
      ],
    );
    assert.equal(coveredText(text, ds[0]), 'api');
  });

  it('requires exactly one backend kind and a port name or number', () => {
    const text = ingress(
      'rules:',
      '  - http:',
      '      paths:',
      '        - {path: /, pathType: Prefix, backend: {}}',
      '        - {path: /a, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}, resource: {kind: Bucket, name: b}}}',
      '        - {path: /b, pathType: Prefix, backend: {service: {name: api}}}',
      '        - {path: /c, pathType: Prefix, backend: {service: {name: api, port: {name: http, number: 80}}}}',
      '        - {path: /d, pathType: Prefix, backend: {service: {name: 1api, port: {name: HTTP}}}}',
    );
    assert.deepEqual(
      messages(text).map((m) => m.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required',
        'spec.rules[0].http.paths[1].backend: Invalid value: "": cannot set both resource and service backends',
        'spec.rules[0].http.paths[2].backend: Required value: port name or number is required',
        'spec.rules[0].http.paths[3].backend: Invalid value: "": cannot set both port name & port number',
        'spec.rules[0].http.paths[4].backend.service.name: Invalid value: "1api": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character',
        'spec.rules[0].http.paths[4].backend.service.port.name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.rules[0].http.paths[4].backend.service.port.name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    );
  });

  it('checks hosts, TLS and the class', () => {
    const text = ingress('ingressClassName: nginx', 'tls: [{hosts: ["*.*.example.com"], secretName: My_Cert}]', 'rules: [{host: 10.0.0.1}]');
    const ds = messages(
      yaml(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: web',
        '  annotations: {kubernetes.io/ingress.class: nginx}',
        'spec:',
        ...text
          .split('\n')
          .slice(4)
          .map((l) => l),
      ),
    );
    assert.deepEqual(ds, [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      "spec.tls[0].hosts[0]: Invalid value: \"*.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "spec.tls[0].secretName: Invalid value: \"My_Cert\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('rejects the class annotation next to ingressClassName in 1.25-1.26, and since 1.27 only a differing one', () => {
    const withClass = (annotation: string) =>
      yaml(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: web',
        `  annotations: {kubernetes.io/ingress.class: ${annotation}}`,
        'spec:',
        '  ingressClassName: nginx',
        '  defaultBackend: {service: {name: web, port: {number: 80}}}',
      );
    const found = (annotation: string, version: string) =>
      runChecks(withClass(annotation), { kubernetesVersion: version }).map((d) => `${rangeText(d)} ${d.message}`);
    const both = '4:16-4:43 annotations.kubernetes.io/ingress.class: Invalid value: "nginx": can not be set when the class field is also set';
    assert.deepEqual(found('nginx', '1.25'), [both]);
    assert.deepEqual(found('nginx', '1.26'), [both]);
    assert.deepEqual(found('nginx', '1.27'), []);
    assert.deepEqual(found('nginx', '1.36'), []);
    assert.deepEqual(found('traefik', '1.27'), [
      '4:45-4:52 annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
    assert.deepEqual(found('traefik', '1.36').length, 1);
  });

  it('needs rules or a default backend, and leaves old Ingress versions to the schema layer', () => {
    assert.deepEqual(messages(ingress('tls: []')), ['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified']);
    const legacy = yaml(
      'apiVersion: extensions/v1beta1',
      'kind: Ingress',
      'metadata: {name: web}',
      'spec:',
      '  rules: [{http: {paths: [{path: api, backend: {serviceName: web, servicePort: 80}}]}}]',
    );
    assert.deepEqual(messages(legacy), []);
  });
});
