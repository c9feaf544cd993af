import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/core/analysis/settings';
import { applyFix, FeatureWorkspace } from '../features/workspace';
import { coveredText } from '../rules/helpers';
import { analyze } from './pipeline';

const NAMESPACE = (labels: string): string => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
${labels}`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: shop
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

function podSecurity(
  files: Record<string, string>,
  settings: Record<string, unknown> = {},
): { file: string; severity: string; message: string; text: string }[] {
  const out: { file: string; severity: string; message: string; text: string }[] = [];
  for (const [file, ds] of analyze(files, settings)) {
    for (const d of ds) if (d.code === 'pod-security') out.push({ file, severity: d.severity, message: d.message, text: coveredText(files[file], d) });
  }
  return out;
}

describe('pod-security in the editor', () => {
  it('enforce: a Pod is an error on each offending field, with the admission text', () => {
    const found = podSecurity({ 'ns.yaml': NAMESPACE('    pod-security.kubernetes.io/enforce: baseline\n'), 'pod.yaml': POD });
    assert.deepEqual(found, [
      { file: 'pod.yaml', severity: 'error', message: 'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)', text: 'true' },
    ]);
  });

  it('enforce: a workload template is a warning; restricted adds its controls, pinned versions show', () => {
    const found = podSecurity({
      'ns.yaml': NAMESPACE('    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.30\n'),
      'deploy.yaml': DEPLOYMENT,
    });
    assert.ok(found.every((f) => f.severity === 'warning'));
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'violates PodSecurity "restricted:v1.30": privileged (container "web" must not set securityContext.privileged=true)',
        'violates PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)',
        'violates PodSecurity "restricted:v1.30": unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])',
        'violates PodSecurity "restricted:v1.30": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)',
        'violates PodSecurity "restricted:v1.30": seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    );
    assert.equal(found[0].text, 'true');
  });

  it('warn and audit modes use kubectl\'s "would violate" wording; enforce wins for the same control', () => {
    const found = podSecurity({
      'ns.yaml': NAMESPACE(
        '    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/audit: restricted\n',
      ),
      'pod.yaml': POD,
    });
    assert.equal(found[0].message, 'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)');
    assert.deepEqual(
      found.slice(1).map((f) => [f.severity, f.message.slice(0, 46)]),
      [
        ['warning', 'would violate PodSecurity "restricted:latest":'],
        ['warning', 'would violate PodSecurity "restricted:latest":'],
        ['warning', 'would violate PodSecurity "restricted:latest":'],
        ['warning', 'would violate PodSecurity "restricted:latest":'],
      ],
    );
  });

  it('unlabelled namespaces and namespaces outside the workspace get the default level (privileged by default)', () => {
    assert.deepEqual(podSecurity({ 'pod.yaml': POD }), []);
    assert.deepEqual(podSecurity({ 'ns.yaml': NAMESPACE('    team: a\n'), 'pod.yaml': POD }), []);
    assert.deepEqual(
      podSecurity({ 'pod.yaml': POD }, { podSecurity: { defaultLevel: 'baseline' } }).map((f) => f.message),
      ['violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)'],
    );
    assert.deepEqual(
      podSecurity(
        { 'ns.yaml': NAMESPACE('    pod-security.kubernetes.io/enforce: privileged\n'), 'pod.yaml': POD },
        { podSecurity: { defaultLevel: 'restricted' } },
      ),
      [],
    );
  });

  it('follows edits of the namespace labels', () => {
    const ws = new FeatureWorkspace({ 'file:///ns.yaml': NAMESPACE('    pod-security.kubernetes.io/enforce: privileged\n'), 'file:///pod.yaml': POD });
    assert.deepEqual(
      ws.diagnostics('file:///pod.yaml').filter((d) => d.code === 'pod-security'),
      [],
    );
    ws.set('file:///ns.yaml', NAMESPACE('    pod-security.kubernetes.io/enforce: baseline\n'));
    assert.equal(ws.diagnostics('file:///pod.yaml').filter((d) => d.code === 'pod-security').length, 1);
  });

  it('quick fix adds the restricted securityContext and leaves no restricted violation', () => {
    const pod = POD.replace('  hostNetwork: true\n', '');
    const ws = new FeatureWorkspace({ 'file:///ns.yaml': NAMESPACE('    pod-security.kubernetes.io/enforce: restricted\n'), 'file:///pod.yaml': pod });
    const outcome = applyFix(ws, 'file:///pod.yaml', 'pod-security', /Add the restricted securityContext/, /allowPrivilegeEscalation/);
    assert.deepEqual(outcome.added, []);
    assert.deepEqual(ws.diagnostics('file:///pod.yaml'), []);
    assert.match(
      ws.text('file:///pod.yaml'),
      /securityContext:\n {8}allowPrivilegeEscalation: false\n {8}runAsNonRoot: true\n {8}capabilities: \{drop: \[ALL\]\}\n {8}seccompProfile: \{type: RuntimeDefault\}/,
    );
  });

  it('normalizes the settings', () => {
    assert.equal(normalizeSettings({ podSecurity: { defaultLevel: 'strict' } }).podSecurityDefaultLevel, 'privileged');
    assert.deepEqual(normalizeSettings({ presets: ['security', 'security', 3, 'Bad Name'] }).presets, ['security']);
  });
});
