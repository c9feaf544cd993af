/** networkpolicy-no-match, pdb-no-match, statefulset-service-not-headless, and service-no-match for templates without a pod spec. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, deployment, docs, edit, ofRule, service, workspaceOf } from './helpers';

const policy = (name: string, spec: string, namespace?: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n${spec}`;

const pdb = (name: string, selector: string, namespace?: string) =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  minAvailable: 1\n  selector:\n${selector}`;

describe('networkpolicy-no-match', () => {
  it('reports a podSelector that selects no pod template, with the closest one', () => {
    const ws = workspaceOf({
      'app.yaml': deployment('web', { app: 'web' }),
      'np.yaml': policy('web', '  podSelector:\n    matchLabels: {app: wbe}\n  policyTypes: [Ingress]\n'),
    });
    const [d, ...rest] = ofRule(ws, 'np.yaml', 'networkpolicy-no-match');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(at(d), '6:2-6:13');
    assert.equal(
      d.message,
      "NetworkPolicy 'web': spec.podSelector selects no pods: no Pod or pod template in namespace 'default' matches app=wbe. Closest: Deployment 'web' with app=web.",
    );
    assert.deepEqual(
      d.related?.map((r) => [r.uri, r.range.start.line]),
      [['file:///ws/app.yaml', 10]],
    );
  });

  it('says when the pods exist in another namespace', () => {
    const ws = workspaceOf({
      'app.yaml': deployment('web', { app: 'web' }, { namespace: 'shop' }),
      'np.yaml': policy('web', '  podSelector:\n    matchLabels: {app: web}\n'),
    });
    assert.deepEqual(
      ofRule(ws, 'np.yaml', 'networkpolicy-no-match').map((d) => d.message),
      [
        "NetworkPolicy 'web': spec.podSelector selects no pods: no Pod or pod template in namespace 'default' matches app=web. Deployment 'web' has these labels in namespace 'shop', but a NetworkPolicy only applies to pods in its own namespace.",
      ],
    );
  });

  it('accepts matching selectors (matchExpressions, controller labels) and ignores empty ones', () => {
    const ws = workspaceOf({
      'app.yaml': deployment('web', { app: 'web', tier: 'front' }),
      'np.yaml': docs(
        policy('a', '  podSelector:\n    matchExpressions: [{key: app, operator: In, values: [api, web]}, {key: tier, operator: NotIn, values: [db]}]\n'),
        policy('b', '  podSelector:\n    matchLabels: {app: web}\n    matchExpressions: [{key: pod-template-hash, operator: Exists}]\n'),
        policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'),
        policy('c', '  podSelector:\n    matchExpressions: [{key: app, operator: NotIn, values: [web]}]\n'),
      ),
    });
    assert.deepEqual(ofRule(ws, 'np.yaml', 'networkpolicy-no-match'), []);
  });

  it('checks peer podSelectors in the namespaces their namespaceSelector names', () => {
    const ws = workspaceOf({
      'app.yaml': docs(deployment('web', { app: 'web' }), deployment('api', { app: 'api' }, { namespace: 'backend' })),
      'np.yaml': policy(
        'web',
        [
          '  podSelector: {matchLabels: {app: web}}',
          '  ingress:',
          '    - from:',
          '        - podSelector: {matchLabels: {app: api}}',
          '        - podSelector: {matchLabels: {app: api}}',
          '          namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: backend}}',
          '        - podSelector: {matchLabels: {app: api}}',
          '          namespaceSelector: {}',
          '        - podSelector: {matchLabels: {app: api}}',
          '          namespaceSelector: {matchLabels: {team: x}}',
          '  egress:',
          '    - to:',
          '        - podSelector: {matchLabels: {app: db}}',
          '          namespaceSelector: {}',
          '',
        ].join('\n'),
      ),
    });
    const found = ofRule(ws, 'np.yaml', 'networkpolicy-no-match');
    assert.deepEqual(
      found.map((d) => [at(d), d.message]),
      [
        [
          '9:10-9:21',
          "NetworkPolicy 'web': ingress[0].from[0].podSelector selects no pods: no Pod or pod template in namespace 'default' matches app=api. Deployment 'api' has these labels in namespace 'backend', but a peer podSelector without namespaceSelector only selects pods in the policy's namespace.",
        ],
        ['18:10-18:21', "NetworkPolicy 'web': egress[0].to[0].podSelector selects no pods: no Pod or pod template in any namespace matches app=db."],
      ],
    );
  });

  it('is re-checked when the selected workload changes', () => {
    const ws = workspaceOf({ 'app.yaml': deployment('web', { app: 'web' }), 'np.yaml': policy('web', '  podSelector:\n    matchLabels: {app: web}\n') });
    assert.deepEqual(ofRule(ws, 'np.yaml', 'networkpolicy-no-match'), []);
    assert.deepEqual(edit(ws, 'app.yaml', deployment('web', { app: 'site' })), ['np.yaml']);
    assert.equal(ofRule(ws, 'np.yaml', 'networkpolicy-no-match').length, 1);
  });
});

describe('pdb-no-match', () => {
  it('reports a selector that selects no pods, namespace-aware', () => {
    const ws = workspaceOf({
      'app.yaml': deployment('web', { app: 'web' }, { namespace: 'shop' }),
      'pdb.yaml': docs(
        pdb('web', '    matchLabels: {app: web}\n'),
        pdb('web', '    matchLabels: {app: web}\n', 'shop'),
        pdb('none', '    matchLabels: {app: nothing}\n', 'shop'),
      ),
    });
    const found = ofRule(ws, 'pdb.yaml', 'pdb-no-match');
    assert.deepEqual(
      found.map((d) => [at(d), d.severity, d.message]),
      [
        [
          '7:2-7:10',
          'warning',
          "PodDisruptionBudget 'web' selects no pods: no Pod or pod template in namespace 'default' matches app=web. Deployment 'web' has these labels in namespace 'shop', but a PodDisruptionBudget only covers pods in its own namespace.",
        ],
        [
          '27:2-27:10',
          'warning',
          "PodDisruptionBudget 'none' selects no pods: no Pod or pod template in namespace 'shop' matches app=nothing. Closest: Deployment 'web' with app=web.",
        ],
      ],
    );
  });
});

describe('statefulset-service-not-headless', () => {
  const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]
`;

  it('warns when serviceName names a Service with a cluster IP', () => {
    const ws = workspaceOf({ 'db.yaml': statefulSet, 'svc.yaml': service('db', { app: 'db' }, { ports: '    - port: 5432\n' }) });
    const [d, ...rest] = ofRule(ws, 'db.yaml', 'statefulset-service-not-headless');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(at(d), '6:15-6:17');
    assert.equal(
      d.message,
      "Service 'db' gets a cluster IP, but the serviceName of StatefulSet 'db' must be a headless Service (clusterIP: None): without it the pods get no stable DNS names (db-0.db).",
    );
    assert.deepEqual(
      d.related?.map((r) => [r.uri, r.range.start.line]),
      [['file:///ws/svc.yaml', 3]],
    );
  });

  it('accepts a headless Service and leaves a missing one to missing-service; follows edits of the Service', () => {
    const headless = service('db', { app: 'db' }, { ports: '    - port: 5432\n' }).replace('spec:\n', 'spec:\n  clusterIP: None\n');
    const ws = workspaceOf({ 'db.yaml': statefulSet, 'svc.yaml': headless });
    assert.deepEqual(ofRule(ws, 'db.yaml', 'statefulset-service-not-headless'), []);
    assert.deepEqual(edit(ws, 'svc.yaml', headless.replace('clusterIP: None', 'clusterIP: 10.0.0.12')), ['db.yaml']);
    assert.match(ofRule(ws, 'db.yaml', 'statefulset-service-not-headless')[0].message, /^Service 'db' has clusterIP 10\.0\.0\.12, but/);
    const alone = workspaceOf({ 'db.yaml': statefulSet });
    assert.deepEqual(ofRule(alone, 'db.yaml', 'statefulset-service-not-headless'), []);
    assert.equal(ofRule(alone, 'db.yaml', 'missing-service').length, 1);
  });
});

describe('service-no-match for a template without a pod spec', () => {
  it('says what is really wrong', () => {
    const specless =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n';
    const ws = workspaceOf({ 'web.yaml': specless, 'svc.yaml': service('web', { app: 'web' }) });
    const [d, ...rest] = ofRule(ws, 'svc.yaml', 'service-no-match');
    assert.equal(rest.length, 0);
    assert.equal(d.message, "Service 'web' selects no pods: Deployment 'web' has the labels app=web, but its pod template has no spec, so it creates no pods.");
    assert.deepEqual(
      d.related?.map((r) => [r.uri, r.range.start.line]),
      [['file:///ws/web.yaml', 3]],
    );
  });
});
