import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSelectorMatches, selectorMatches } from '../../server/src/core/rules/util/selectors';
import { coveredText, messages, rangeText, runChecks, yaml } from './helpers';

function deployment(selector: string[], labels: string): string {
  return yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    ...selector.map((l) => `  ${l}`),
    '  template:',
    '    metadata:',
    `      labels: ${labels}`,
    '    spec:',
    '      containers: [{name: web, image: nginx}]',
  );
}

describe('selector matching', () => {
  it('follows LabelSelectorAsSelector semantics', () => {
    const labels = { app: 'web', tier: 'front' };
    assert.equal(selectorMatches({}, labels), true, 'an empty selector selects everything');
    assert.equal(selectorMatches({ matchLabels: { app: 'web' } }, labels), true);
    assert.equal(selectorMatches({ matchLabels: { app: 'api' } }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels), true, 'NotIn matches a missing label');
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels), true);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels), false);
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels),
      false,
      'an invalid operator selects nothing',
    );
    assert.equal(selectorMatches({ matchLabels: { version: 1 } }, { version: '1' }), true, 'unquoted numbers compare by text');
  });

  it('treats a map selector like a Service does', () => {
    assert.equal(mapSelectorMatches({ app: 'web' }, { app: 'web', x: 'y' }), true);
    assert.equal(mapSelectorMatches({ app: 'web', tier: 'db' }, { app: 'web' }), false);
    assert.equal(mapSelectorMatches({}, { app: 'web' }), false);
    assert.equal(mapSelectorMatches(undefined, { app: 'web' }), false);
  });
});

describe('selector-mismatch', () => {
  it('reports a selector that does not select the template, on the selector value', () => {
    const text = deployment(['selector:', '  matchLabels:', '    app: web'], '{app: api}');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'selector-mismatch');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: selector does not match template labels (template has app=api)');
    assert.equal(rangeText(d).split('-')[0], '5:4');
    assert.equal(coveredText(text, d), 'matchLabels:\n      app: web');
  });

  it('says which expression fails', () => {
    const cases: [string[], string, string][] = [
      [['selector: {matchLabels: {app: web, tier: front}}'], '{app: web}', 'template has no label tier'],
      [['selector: {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}'], '{tier: c}', 'template has tier=c, not in [a, b]'],
      [
        ['selector: {matchExpressions: [{key: tier, operator: NotIn, values: [c]}]}'],
        '{tier: c}',
        'template has tier=c, which the selector excludes (notin [c])',
      ],
      [
        ['selector: {matchExpressions: [{key: canary, operator: DoesNotExist}]}'],
        '{canary: "true"}',
        'template has label canary, which the selector requires to be absent',
      ],
      [['selector: {matchExpressions: [{key: app, operator: Exists}]}'], '{}', 'template has no label app'],
    ];
    for (const [selector, labels, reason] of cases) {
      const [d] = runChecks(deployment(selector, labels));
      assert.ok(d?.message.endsWith(`selector does not match template labels (${reason})`), `${reason}: got ${d?.message}`);
    }
  });

  it('rejects an empty selector with the kind-specific wording', () => {
    assert.deepEqual(messages(deployment(['selector: {}'], '{app: web}')), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
    const sts = yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  selector: {matchLabels: {}}',
      '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres}]}}',
    );
    assert.deepEqual(messages(sts), ['spec.selector: Invalid value: {"matchLabels":{}}: empty selector is invalid for statefulset']);
  });

  it('accepts matching selectors and leaves a missing selector to the schema', () => {
    assert.deepEqual(
      messages(deployment(['selector: {matchLabels: {app: web}, matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}'], '{app: web, env: prod}')),
      [],
    );
    assert.deepEqual(messages(deployment([], '{app: web}')), []);
  });

  it('checks Jobs only with manualSelector, and DaemonSets and ReplicationControllers always', () => {
    const job = (manual: boolean) =>
      yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: j}',
        'spec:',
        `  manualSelector: ${manual}`,
        '  selector: {matchLabels: {job: j}}',
        '  template:',
        '    metadata: {labels: {job: k}}',
        '    spec: {restartPolicy: Never, containers: [{name: a, image: b}]}',
      );
    assert.deepEqual(
      runChecks(job(true)).map((d) => [d.code, d.message]),
      [['selector-mismatch', 'spec.selector: Invalid value: {"matchLabels":{"job":"j"}}: selector does not match template labels (template has job=k)']],
    );
    assert.deepEqual(
      runChecks(job(false)).map((d) => d.code),
      ['invalid-value'],
      'without manualSelector the selector itself is the error',
    );
    const rc = yaml(
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: {name: rc}',
      'spec:',
      '  selector: {app: a}',
      '  template:',
      '    metadata: {labels: {app: b}}',
      '    spec: {containers: [{name: a, image: b}]}',
    );
    assert.deepEqual(messages(rc), ['spec.selector: Invalid value: {"app":"a"}: selector does not match template labels (template has app=b)']);
    const ds = yaml(
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: d}',
      'spec:',
      '  selector: {matchLabels: {app: a}}',
      '  template:',
      '    metadata: {labels: {app: b}}',
      '    spec: {containers: [{name: a, image: b}]}',
    );
    assert.equal(runChecks(ds)[0].code, 'selector-mismatch');
  });

  it('stays quiet in Kustomize patches', () => {
    assert.deepEqual(messages(deployment(['selector: {matchLabels: {app: web}}'], '{version: v2}'), { isPatch: true }), []);
  });
});

describe('invalid-value: label selector syntax', () => {
  it('checks operators, values and keys, and suggests the operator', () => {
    const text = deployment(
      [
        'selector:',
        '  matchExpressions:',
        '    - {key: app, operator: in, values: [web]}',
        '    - {key: tier, operator: In}',
        '    - {key: zone, operator: Exists, values: [a]}',
        '    - {key: "bad key", operator: NotIn, values: ["a b"]}',
      ],
      '{app: web}',
    );
    const ds = runChecks(text);
    assert.deepEqual(
      ds.map((d) => d.message.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
        "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        "spec.selector.matchExpressions[3].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        "spec.selector.matchExpressions[3].values[0]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ],
    );
    assert.equal(ds[0].data?.suggestion, 'In');
    assert.equal(coveredText(text, ds[0]), 'in');
    assert.equal(coveredText(text, ds[2]), 'values');
  });

  it('checks selectors in affinity terms, NetworkPolicies and matchLabels', () => {
    const text = yaml(
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: np}',
      'spec:',
      '  podSelector: {matchLabels: {"app/": x}}',
      '  ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: Exist}]}}]}]',
    );
    assert.deepEqual(
      messages(text).map((m) => m.replace(/ \(e\.g\..*$/, '')),
      [
        'spec.podSelector.matchLabels: Invalid value: "app/": name part must be non-empty',
        "spec.podSelector.matchLabels: Invalid value: \"app/\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        'spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].operator: Invalid value: "Exist": not a valid selector operator',
      ],
    );
  });
});
