import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusLine } from '../../server/src/lsp/cluster/objectStatus';
import type { KObject } from '../../server/src/sim/types';
import { cluster, deployment, eventsOf } from './helpers';

function namespace(name: string, labels: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function inNamespace(obj: Record<string, unknown>, ns: string): Record<string, unknown> {
  return { ...obj, metadata: { ...(obj.metadata as object), namespace: ns } };
}

const RESTRICTED_MESSAGE = (pod: string): string =>
  `pods "${pod}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ` +
  'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

describe('Pod Security admission in the simulated cluster', () => {
  it('refuses the pods of a Deployment under enforce: FailedCreate with the forbidden message, no pods', () => {
    const c = cluster();
    c.apply([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' })]);
    const [result] = c.apply([inNamespace(deployment('web', 2), 'shop')]);
    assert.equal(result.ok, true, 'the Deployment itself is admitted');
    assert.deepEqual(result.warnings, [RESTRICTED_MESSAGE('x').replace(/^pods "x" is forbidden: violates/, 'would violate')]);
    c.runFor(10_000);
    assert.deepEqual(c.list('Pod', 'shop'), []);
    const failed = eventsOf(c, 'FailedCreate');
    assert.ok(failed.length > 0, 'FailedCreate recorded');
    const name = /^Error creating: pods "([^"]+)" is forbidden/.exec(failed[0])?.[1] ?? '';
    assert.match(name, /^web-[a-z0-9]+-[a-z0-9]{5}$/);
    assert.equal(failed[0], `Error creating: ${RESTRICTED_MESSAGE(name)}`);
    const rs = c.list<KObject>('ReplicaSet', 'shop')[0];
    const condition = ((rs.status as { conditions?: { type: string; message: string }[] }).conditions ?? []).find((x) => x.type === 'ReplicaFailure');
    assert.equal(condition?.message, RESTRICTED_MESSAGE(name));
    // The code lens over the Deployment says why no pod runs.
    const deploymentObject = c.list<KObject>('Deployment', 'shop')[0];
    assert.equal(statusLine(c, deploymentObject), '✖ FailedCreate: violates PodSecurity "restricted:latest" · 0/2 ready');
    assert.equal(statusLine(c, rs), '✖ FailedCreate: violates PodSecurity "restricted:latest" · 0/2 ready');
  });

  it('refuses a bare Pod at apply, and admits a compliant one', () => {
    const c = cluster();
    c.apply([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' })]);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'shop' },
      spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox:1.36' }] },
    };
    const [refused] = c.apply([pod]);
    assert.equal(refused.ok, false);
    assert.equal(refused.message, 'pods "debug" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true)');
    assert.deepEqual(c.list('Pod', 'shop'), []);
    const [admitted] = c.apply([{ ...pod, spec: { containers: [{ name: 'sh', image: 'busybox:1.36' }] } }]);
    assert.equal(admitted.ok, true);
  });

  it("warn mode admits and returns kubectl's warning; unlabelled namespaces enforce nothing", () => {
    const c = cluster();
    c.apply([namespace('shop', { 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.30' })]);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'net', namespace: 'shop' },
      spec: { hostNetwork: true, containers: [{ name: 'sh', image: 'busybox:1.36' }] },
    };
    const [result] = c.apply([pod]);
    assert.equal(result.ok, true);
    assert.deepEqual(result.warnings, ['would violate PodSecurity "baseline:v1.30": host namespaces (hostNetwork=true)']);
    const [plain] = c.apply([inNamespace(pod, 'default')]);
    assert.equal(plain.ok, true);
    assert.equal(plain.warnings, undefined);
  });

  it('a Deployment whose pods comply runs them', () => {
    const c = cluster();
    c.apply([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' })]);
    const sc = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
    const [result] = c.apply([inNamespace(deployment('web', 2, { container: { securityContext: sc } }), 'shop')]);
    assert.equal(result.warnings, undefined);
    c.runFor(10_000);
    assert.equal(c.list('Pod', 'shop').length, 2);
    assert.deepEqual(eventsOf(c, 'FailedCreate'), []);
  });
});
