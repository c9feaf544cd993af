import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSnippet } from '../../server/src/core/features/snippets/expand';
import { SNIPPETS, snippetBody } from '../../server/src/core/features/completion/snippetItems';
import { diagnosticLines, FeatureWorkspace } from './workspace';

/**
 * Snippets that name objects other snippets define: alone, they get the cross-resource warning
 * below; expanded together (their defaults share the names of the Deployment snippet), they get none.
 */
const NEEDS_OTHERS: Record<string, string[]> = {
  'Service (ClusterIP)': ['service-no-match'],
  'Service (NodePort)': ['service-no-match'],
  'Service (LoadBalancer)': ['service-no-match'],
  Ingress: ['missing-service'],
  HorizontalPodAutoscaler: ['missing-hpa-target'],
  NetworkPolicy: ['networkpolicy-no-match'],
};

const REQUIRED = [
  'Deployment',
  'Service (ClusterIP)',
  'Service (NodePort)',
  'Service (LoadBalancer)',
  'Ingress',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'Pod',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'ServiceAccount',
  'NetworkPolicy',
  'Namespace',
];

function uriOf(name: string): string {
  return `file:///snippets/${name.toLowerCase().replace(/[^a-z]+/g, '-')}.yaml`;
}

describe('snippet expansion', () => {
  it('resolves placeholders, nested defaults, choices, tabstops and escapes', () => {
    assert.equal(
      expandSnippet('a: ${1:x}\nb: ${2|one,two|}\nc: $3${4}\nd: ${5:outer ${6:inner}}\ne: \\$HOME \\}$0'),
      'a: x\nb: one\nc: \nd: outer inner\ne: $HOME }',
    );
  });
});

describe('resource snippets', () => {
  it('covers every resource the editor offers', () => {
    assert.deepEqual(Object.keys(SNIPPETS).sort(), [...REQUIRED].sort());
  });

  for (const name of REQUIRED) {
    it(`${name}: expanded with its defaults, it has no diagnostics of its own`, () => {
      const ws = new FeatureWorkspace({ [uriOf(name)]: expandSnippet(snippetBody(SNIPPETS[name])) });
      const codes = ws.diagnostics(uriOf(name)).map((d) => `${d.code}: ${d.message}`);
      const allowed = NEEDS_OTHERS[name] ?? [];
      assert.deepEqual(
        codes.filter((c) => !allowed.includes(c.slice(0, c.indexOf(':')))),
        [],
      );
      assert.deepEqual(
        codes.map((c) => c.slice(0, c.indexOf(':'))),
        allowed,
        'the documented cross-resource warning appears alone',
      );
    });
  }

  it('all expanded together form a workspace without any diagnostic', () => {
    const files: Record<string, string> = {};
    for (const name of REQUIRED) files[uriOf(name)] = expandSnippet(snippetBody(SNIPPETS[name]));
    const ws = new FeatureWorkspace(files);
    assert.deepEqual(diagnosticLines(ws), []);
  });
});
