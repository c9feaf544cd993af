import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredText, messages, runChecks, yaml } from './helpers';

function role(...rules: string[]): string {
  return yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: reader}', 'rules:', ...rules.map((l) => `  ${l}`));
}

describe('rbac-unknown-verb', () => {
  it('warns about a misspelt verb with a suggestion, on the verb', () => {
    const text = role('- apiGroups: [""]', '  resources: [pods]', '  verbs: [get, lsit, watch]');
    const [d, ...rest] = runChecks(text);
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'rbac-unknown-verb');
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, "Unknown verb 'lsit'; did you mean 'list'?");
    assert.equal(d.data?.suggestion, 'list');
    assert.equal(coveredText(text, d), 'lsit');
  });

  it('treats verbs as case-sensitive and explains verbs that are not close to any', () => {
    assert.deepEqual(messages(role('- {apiGroups: [""], resources: [pods], verbs: [GET, read]}')), [
      "Unknown verb 'GET'; did you mean 'get'?",
      "Unknown verb 'read'; no request uses it, so this rule grants nothing for it.",
    ]);
  });

  it('knows the special verbs and the HTTP verbs of non-resource URLs', () => {
    const text = yaml(
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata: {name: all}',
      'rules:',
      '  - {apiGroups: ["*"], resources: ["*"], verbs: ["*", deletecollection, escalate, bind, impersonate, use, approve, sign]}',
      '  - {nonResourceURLs: [/metrics], verbs: [get, post, put, head, options]}',
    );
    assert.deepEqual(messages(text), []);
    assert.deepEqual(messages(role('- {apiGroups: [""], resources: [pods], verbs: [post]}')), [
      "Unknown verb 'post'; no request uses it, so this rule grants nothing for it.",
    ]);
  });

  it('does not look at bindings or custom kinds', () => {
    assert.deepEqual(messages(yaml('apiVersion: example.com/v1', 'kind: Role', 'metadata: {name: r}', 'rules: [{verbs: [lsit]}]')), []);
  });
});
