import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../server/src/sim/types';
import { isPodReady } from '../../server/src/sim/util/pods';
import { cluster, deployment, eventsOf, pods } from './helpers';

function pod(name: string, annotations: Record<string, string>, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', annotations, labels: { app: name } },
    spec: { containers: [{ name: 'app', image: 'example/app:1.0', ports: [{ containerPort: 8080 }], ...container }], ...spec },
  };
}

describe('kubelet', () => {
  it('restarts a crashing container with back-off 10s, 20s, 40s … capped at 300s', () => {
    const c = cluster();
    c.apply([pod('crash', { 'sim.shipshape.dev/crash-after': '1s' })]);
    c.runFor(30 * 60_000);
    const starts = c.events.stream.filter((e) => e.reason === 'Started').map((e) => e.time);
    const gaps = starts.slice(1).map((t, i) => t - starts[i] - 1000);
    assert.deepEqual(gaps.slice(0, 9), [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    const p = c.get<Pod>('Pod', 'default', 'crash')!;
    assert.equal(p.status.phase, 'Running');
    const backOff = eventsOf(c, 'BackOff')[0];
    assert.equal(backOff, `Back-off restarting failed container app in pod crash_default(${p.metadata.uid})`);
  });

  it('crashes containers that were already running when a crash fault is added', () => {
    const c = cluster();
    c.apply([pod('steady', {})]);
    c.runFor(60_000);
    assert.equal(c.get<Pod>('Pod', 'default', 'steady')!.status.containerStatuses?.[0].restartCount, 0);
    c.addFault({ namespace: 'default', pod: 'steady', behavior: { crashAfterMs: 5_000, exitCode: 137 } });
    c.runFor(4_000);
    // It had run for longer than 5 s, so it exits at once and is restarted (the first restart has no back-off).
    const status = c.get<Pod>('Pod', 'default', 'steady')!.status.containerStatuses?.[0];
    assert.equal(status?.restartCount, 1);
    assert.equal(status?.lastState?.terminated?.exitCode, 137);
  });

  it('shows CrashLoopBackOff with the kubelet message while waiting', () => {
    const c = cluster();
    c.apply([pod('loop', { 'sim.shipshape.dev/crash-after': '0s', 'sim.shipshape.dev/exit-code': '3' })]);
    c.runFor(5000);
    const s = c.get<Pod>('Pod', 'default', 'loop')!.status.containerStatuses![0];
    assert.equal(s.state.waiting?.reason, 'CrashLoopBackOff');
    assert.match(s.state.waiting?.message ?? '', /^back-off 10s restarting failed container=app pod=loop_default\(/);
    assert.equal(s.lastState.terminated?.exitCode, 3);
    assert.equal(s.lastState.terminated?.reason, 'Error');
    assert.equal(s.restartCount, 1);
  });

  it('reports ErrImagePull then ImagePullBackOff for a failing pull', () => {
    const c = cluster();
    c.apply([pod('img', { 'sim.shipshape.dev/image-pull': 'fail' })]);
    c.runFor(4000);
    const s = () => c.get<Pod>('Pod', 'default', 'img')!.status.containerStatuses![0].state.waiting;
    assert.equal(s()?.reason, 'ImagePullBackOff');
    assert.equal(s()?.message, 'Back-off pulling image "example/app:1.0"');
    assert.ok(eventsOf(c, 'Failed').some((m) => m.startsWith('Failed to pull image "example/app:1.0": rpc error: code = NotFound')));
    assert.ok(eventsOf(c, 'Failed').includes('Error: ErrImagePull'));
  });

  it('keeps a container with a missing ConfigMap in CreateContainerConfigError until it exists', () => {
    const c = cluster();
    c.apply([pod('cfg', {}, { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } }] })]);
    c.runFor(5000);
    const waiting = () => c.get<Pod>('Pod', 'default', 'cfg')!.status.containerStatuses![0].state.waiting;
    assert.equal(waiting()?.reason, 'CreateContainerConfigError');
    assert.equal(waiting()?.message, 'configmap "settings" not found');
    c.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } }]);
    c.runFor(5000);
    assert.equal(c.get<Pod>('Pod', 'default', 'cfg')!.status.phase, 'Running');
  });

  it('fails a readiness probe aimed at an undeclared port with connection refused', () => {
    const c = cluster();
    c.apply([pod('port', {}, { readinessProbe: { tcpSocket: { port: 9090 }, periodSeconds: 5 } })]);
    c.runFor(20_000);
    const p = c.get<Pod>('Pod', 'default', 'port')!;
    assert.equal(isPodReady(p), false);
    assert.ok(eventsOf(c, 'Unhealthy').includes(`Readiness probe failed: dial tcp ${p.status.podIP}:9090: connect: connection refused`));
  });

  it('restarts a container whose liveness probe fails after failureThreshold × period', () => {
    const c = cluster();
    c.apply([pod('live', { 'sim.shipshape.dev/liveness': 'fail' }, { livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 } })]);
    c.runFor(60_000);
    assert.ok(eventsOf(c, 'Killing').includes('Container app failed liveness probe, will be restarted'));
    assert.ok(eventsOf(c, 'Unhealthy').includes('Liveness probe failed: HTTP probe failed with statuscode: 500'));
    assert.ok(c.get<Pod>('Pod', 'default', 'live')!.status.containerStatuses![0].restartCount >= 1);
  });

  it('becomes ready only after ready-after when a readiness probe exists', () => {
    const c = cluster();
    c.apply([pod('late', { 'sim.shipshape.dev/ready-after': '20s' }, { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } })]);
    c.runFor(15_000);
    assert.equal(isPodReady(c.get<Pod>('Pod', 'default', 'late')!), false);
    c.runFor(15_000);
    assert.equal(isPodReady(c.get<Pod>('Pod', 'default', 'late')!), true);
  });

  it('keeps a deleted pod Terminating for the shutdown time, and the ReplicaSet replaces it at once', () => {
    const c = cluster();
    c.apply([deployment('t', 1, { annotations: { 'sim.shipshape.dev/shutdown-after': 'ignore-sigterm' } })]);
    c.runFor(10_000);
    const [victim] = pods(c, 't');
    c.delete({ kind: 'Pod', namespace: 'default', name: victim.metadata.name });
    assert.equal(pods(c, 't').length, 2);
    c.runFor(29_000);
    assert.ok(c.get('Pod', 'default', victim.metadata.name)?.metadata.deletionTimestamp);
    c.runFor(2000);
    assert.equal(c.get('Pod', 'default', victim.metadata.name), undefined);
    assert.ok(eventsOf(c, 'Killing').includes('Stopping container t'));
  });

  it('completes a Never-restart pod and marks it Succeeded', () => {
    const c = cluster();
    c.apply([pod('once', { 'sim.shipshape.dev/complete-after': '3s' }, {}, { restartPolicy: 'Never' })]);
    c.runFor(10_000);
    const p = c.get<Pod>('Pod', 'default', 'once')!;
    assert.equal(p.status.phase, 'Succeeded');
    assert.equal(p.status.containerStatuses![0].state.terminated?.reason, 'Completed');
  });
});
