import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePodSecurity, violatesMessage, wouldViolateMessage } from '../../server/src/core/policy/podSecurity';
import { namespacePolicy, defaultPolicy } from '../../server/src/core/policy/podSecurity/namespaceLabels';
import type { LevelVersion } from '../../server/src/core/policy/podSecurity/types';

const RESTRICTED: LevelVersion = { level: 'restricted', version: 'latest' };
const BASELINE: LevelVersion = { level: 'baseline', version: 'latest' };

/** A container that passes restricted. */
function good(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    image: 'nginx',
    securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    ...extra,
  };
}

function pod(spec: Record<string, unknown>, annotations?: Record<string, string>): Record<string, unknown> {
  return { metadata: annotations ? { annotations } : {}, spec };
}

function texts(p: Record<string, unknown>, lv: LevelVersion = RESTRICTED, version = '1.36'): string[] {
  return evaluatePodSecurity(p, lv, version).map((v) => v.text);
}

describe('Pod Security: restricted', () => {
  it('gives the admission message for a bare container, in the plugin order', () => {
    const violations = evaluatePodSecurity(pod({ containers: [{ name: 'app', image: 'nginx' }] }), RESTRICTED, '1.36');
    assert.equal(
      violatesMessage(RESTRICTED, violations),
      'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    assert.ok(wouldViolateMessage(RESTRICTED, violations).startsWith('would violate PodSecurity "restricted:latest": allowPrivilegeEscalation'));
  });

  it('admits a pod with the restricted securityContext', () => {
    assert.deepEqual(texts(pod({ containers: [good('app')], initContainers: [good('init')] })), []);
  });

  it('accepts pod-level runAsNonRoot and seccompProfile', () => {
    const p = pod({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'x.json' } },
      containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    });
    assert.deepEqual(texts(p), []);
  });

  it('names explicit runAsNonRoot=false, pod and containers', () => {
    const p = pod({
      securityContext: { runAsNonRoot: false },
      containers: [good('a', { securityContext: { ...(good('a').securityContext as object), runAsNonRoot: false } }), good('b')],
    });
    assert.deepEqual(texts(p), ['runAsNonRoot != true (pod and container "a" must not set securityContext.runAsNonRoot=false)']);
  });

  it('forbids runAsUser 0 and capabilities other than NET_BIND_SERVICE, listing containers in visit order', () => {
    const sc = good('x').securityContext as Record<string, unknown>;
    const p = pod({
      securityContext: { runAsUser: 0 },
      containers: [good('a', { securityContext: { ...sc, runAsUser: 0, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } } })],
      initContainers: [good('init', { securityContext: { ...sc, capabilities: { add: ['CHOWN'] } } })],
    });
    assert.deepEqual(texts(p), [
      'unrestricted capabilities (container "init" must set securityContext.capabilities.drop=["ALL"]; containers "init", "a" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)',
      'runAsUser=0 (pod and container "a" must not set runAsUser=0)',
    ]);
  });

  it('restricts volume types and replaces the baseline hostPath control', () => {
    const p = pod({
      containers: [good('a')],
      volumes: [
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'host', hostPath: { path: '/' } },
        { name: 'data', nfs: { server: 's', path: '/' } },
        { name: 'img', image: { reference: 'x' } },
      ],
    });
    assert.deepEqual(texts(p), ['restricted volume types (volumes "host", "data" use restricted volume types "hostPath", "nfs")']);
    assert.deepEqual(texts(p, RESTRICTED, '1.32'), [
      'restricted volume types (volumes "host", "data", "img" use restricted volume types "hostPath", "nfs", "unknown")',
    ]);
    assert.deepEqual(texts(p, BASELINE), ['hostPath volumes (volume "host")']);
  });

  it('rejects explicit bad seccomp types and exempts Windows pods from 1.25 on', () => {
    const p = pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [good('a')] });
    assert.deepEqual(texts(p), ['seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")']);
    const windows = pod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'w' }] });
    assert.deepEqual(texts(windows), []);
    assert.equal(texts(windows, { level: 'restricted', version: 24 }).length, 3);
  });

  it('relaxes runAsNonRoot and runAsUser for user-namespace pods from policy 1.35 only', () => {
    const p = pod({
      hostUsers: false,
      securityContext: { runAsUser: 0 },
      containers: [
        { name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } },
      ],
    });
    assert.deepEqual(texts(p), []);
    assert.deepEqual(texts(p, RESTRICTED, '1.34'), [
      'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      'runAsUser=0 (pod must not set runAsUser=0)',
    ]);
  });

  it('keeps procMount Default-only under restricted even in a user namespace (1.35)', () => {
    const sc = good('a').securityContext as Record<string, unknown>;
    const p = pod({ hostUsers: false, containers: [good('a', { securityContext: { ...sc, procMount: 'Unmasked' } })] });
    assert.deepEqual(texts(p), ['procMount (container "a" must not set securityContext.procMount to "Unmasked")']);
    assert.deepEqual(texts(p, BASELINE), []);
    assert.deepEqual(texts(p, BASELINE, '1.34'), ['procMount (container "a" must not set securityContext.procMount to "Unmasked")']);
  });
});

describe('Pod Security: baseline', () => {
  it('host namespaces, privileged, hostPort, capabilities', () => {
    const p = pod({
      hostNetwork: true,
      hostIPC: true,
      hostPID: true,
      containers: [
        {
          name: 'a',
          securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'NET_RAW', 'CHOWN'] } },
          ports: [
            { containerPort: 80, hostPort: 80 },
            { containerPort: 443, hostPort: 443 },
          ],
        },
        { name: 'b', securityContext: { privileged: true } },
      ],
    });
    assert.deepEqual(texts(p, BASELINE), [
      'non-default capabilities (container "a" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add)',
      'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
      'hostPort (container "a" uses hostPorts 443, 80)',
      'privileged (containers "a", "b" must not set securityContext.privileged=true)',
    ]);
  });

  it('AppArmor fields (1.30+) and annotations', () => {
    const p = pod(
      { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] },
      { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' },
    );
    assert.deepEqual(texts(p, BASELINE), [
      'forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined"")',
    ]);
    assert.deepEqual(texts(p, BASELINE, '1.29'), ['forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/a="unconfined")']);
  });

  it('SELinux types by version, user and role', () => {
    const p = pod({
      securityContext: { seLinuxOptions: { type: 'container_engine_t' } },
      containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'spc_t', user: 'u', role: 'r' } } }],
    });
    assert.deepEqual(texts(p, BASELINE), [
      'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set)',
    ]);
    assert.deepEqual(texts(p, { level: 'baseline', version: 30 }), [
      'seLinuxOptions (pod and container "a" set forbidden securityContext.seLinuxOptions: types "container_engine_t", "spc_t"; user may not be set; role may not be set)',
    ]);
  });

  it('sysctls by policy version, seccomp Unconfined, hostProcess, probe hosts', () => {
    const p = pod({
      securityContext: {
        sysctls: [
          { name: 'net.ipv4.tcp_rmem', value: '1' },
          { name: 'kernel.msgmax', value: '1' },
        ],
        windowsOptions: { hostProcess: true },
      },
      containers: [
        {
          name: 'a',
          securityContext: { seccompProfile: { type: 'Unconfined' } },
          livenessProbe: { httpGet: { host: 'example.com', port: 80 } },
          lifecycle: { preStop: { tcpSocket: { host: '10.0.0.1', port: 1 } } },
        },
      ],
    });
    assert.deepEqual(texts(p, BASELINE), [
      'probe or lifecycle host (container "a" uses probe or lifecycle hosts "10.0.0.1", "example.com")',
      'seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")',
      'forbidden sysctls (kernel.msgmax)',
      'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
    ]);
    assert.deepEqual(
      texts(p, { level: 'baseline', version: 'latest' }, '1.31').filter((t) => t.startsWith('forbidden sysctls')),
      ['forbidden sysctls (net.ipv4.tcp_rmem, kernel.msgmax)'],
    );
    assert.ok(!texts(p, BASELINE, '1.33').some((t) => t.startsWith('probe')), 'probe hosts are checked from 1.34');
  });

  it('pins the policy version with -version labels; privileged checks nothing', () => {
    assert.deepEqual(texts(pod({ hostPID: true, containers: [] }), { level: 'privileged', version: 'latest' }), []);
    const policy = namespacePolicy(
      {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.29',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
      defaultPolicy('privileged'),
    );
    assert.deepEqual(policy.enforce, { level: 'baseline', version: 29 });
    assert.deepEqual(policy.warn, { level: 'restricted', version: 'latest' });
    assert.deepEqual(policy.audit, { level: 'privileged', version: 'latest' });
    assert.deepEqual(namespacePolicy({ 'pod-security.kubernetes.io/enforce': 'strict' }, defaultPolicy('privileged')).enforce, RESTRICTED);
    assert.deepEqual(namespacePolicy(undefined, defaultPolicy('baseline')).enforce, BASELINE);
  });
});
