import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { runScenario } from '../../server/src/sim/scenario/run';
import type { ScenarioResult, TimelinePod } from '../../server/src/sim/scenario/types';
import type { KObject } from '../../server/src/sim/types';

const DIR = resolve(__dirname, '../../../test/sim/scenarios');

function run(name: string): ScenarioResult {
  const path = join(DIR, name);
  const scenario = parseFile(path, readFileSync(path, 'utf8')).documents[0].value;
  return runScenario(scenario, { readFile: (p) => readFileSync(resolve(dirname(path), p), 'utf8') });
}

function objects(r: ScenarioResult, label: string, kind: string): KObject[] {
  const snap = r.snapshots.find((s) => s.label === label);
  assert.ok(snap, `snapshot ${label}`);
  return snap.objects.filter((o) => o.kind === kind);
}

const status = (o: KObject): Record<string, unknown> => (o.status ?? {}) as Record<string, unknown>;
const reasons = (r: ScenarioResult, reason: string): string[] => r.events.filter((e) => e.reason === reason).map((e) => e.message);

describe('scenario files', () => {
  it('rolling-update: never fewer than 3 ready pods once available, rollback to revision 1', () => {
    const r = run('rolling-update.yaml');
    assert.deepEqual(r.failures, []);
    const availableAt = r.steps[1].output[0].match(/at (\d+)ms/)![1];
    const deleteAt = r.steps.find((s) => s.step.startsWith('delete'))!.time;
    // The timeline lists the pods that changed at each instant: replay it to get every pod at every instant.
    const live = new Map<string, TimelinePod>();
    for (const entry of r.timeline) {
      for (const p of entry.pods) live.set(`${p.namespace}/${p.name}`, p);
      for (const p of entry.deleted ?? []) live.delete(`${p.namespace}/${p.name}`);
      if (entry.time <= Number(availableAt) || entry.time >= deleteAt) continue;
      const pods = [...live.values()];
      assert.ok(pods.filter((p) => p.ready && !p.terminating).length >= 3, `at ${entry.time}`);
      assert.ok(pods.filter((p) => !p.terminating).length <= 4, `at ${entry.time}`);
    }
    const [d] = objects(r, 'after-undo', 'Deployment');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  });

  it('services: the EndpointSlice resolves the named targetPort and follows readiness', () => {
    const r = run('services.yaml');
    const slice = (label: string) => objects(r, label, 'EndpointSlice').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web') as KObject & { endpoints: { conditions: { ready: boolean } }[]; ports: { port: number }[] };
    assert.deepEqual(slice('serving').ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
    assert.deepEqual(slice('serving').endpoints.map((e) => e.conditions.ready), [true, true]);
    assert.deepEqual(slice('not-ready').endpoints.map((e) => e.conditions.ready), [false, false]);
    const svc = objects(r, 'serving', 'Service').find((s) => s.metadata.name === 'web')!;
    const port = (svc.spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
    assert.ok(port >= 30000 && port <= 32767);
    assert.equal((objects(r, 'serving', 'Ingress')[0].spec as { ingressClassName?: string }).ingressClassName, 'nginx');
  });

  it('statefulset: ordered creation, one claim per ordinal, reverse-order scale-down keeping claims', () => {
    const r = run('statefulset.yaml');
    assert.deepEqual(reasons(r, 'SuccessfulCreate').filter((m) => m.includes('Pod db')), [
      'create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'create Pod db-0 in StatefulSet db successful',
      'create Claim data-db-1 Pod db-1 in StatefulSet db success',
      'create Pod db-1 in StatefulSet db successful',
      'create Claim data-db-2 Pod db-2 in StatefulSet db success',
      'create Pod db-2 in StatefulSet db successful',
    ]);
    const created = r.events.filter((e) => e.message.startsWith('create Pod')).map((e) => e.time);
    assert.ok(created[0] < created[1] && created[1] < created[2]);
    assert.deepEqual(reasons(r, 'SuccessfulDelete'), ['delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);
    assert.deepEqual(objects(r, 'scaled-down', 'PersistentVolumeClaim').map((c) => [c.metadata.name, status(c).phase]), [
      ['data-db-0', 'Bound'],
      ['data-db-1', 'Bound'],
      ['data-db-2', 'Bound'],
    ]);
  });

  it('daemonset: one pod per eligible node, cordoned nodes included, untolerated taints excluded', () => {
    const r = run('daemonset.yaml');
    const nodes = objects(r, 'placed', 'Pod').map((p) => (p.spec as { nodeName: string }).nodeName).sort();
    assert.deepEqual(nodes, ['worker-1', 'worker-2']);
  });

  it('jobs: completions, backoffLimit and the CronJob schedule', () => {
    const r = run('jobs.yaml');
    const jobs = objects(r, 'after-cron', 'Job');
    const migrate = jobs.find((j) => j.metadata.name === 'migrate')!;
    assert.equal(status(migrate).succeeded, 3);
    const flaky = jobs.find((j) => j.metadata.name === 'flaky')!;
    assert.equal(status(flaky).failed, 3);
    assert.ok(reasons(r, 'BackoffLimitExceeded').includes('Job has reached the specified backoff limit'));
    const created = r.events.filter((e) => e.reason === 'SuccessfulCreate' && e.source === 'cronjob-controller');
    assert.deepEqual(created.map((e) => e.time), [300_000, 600_000, 900_000, 1_200_000]);
    assert.equal(created[0].message, `Created job report-${Math.floor((Date.UTC(2025, 0, 1) + 300_000) / 60_000)}`);
    assert.equal(jobs.filter((j) => j.metadata.name.startsWith('report-')).length, 2);
  });

  it('volumes: WaitForFirstConsumer provisions on the chosen node; a class-less claim blocks its pod', () => {
    const r = run('volumes.yaml');
    const claims = objects(r, 'bound', 'PersistentVolumeClaim');
    assert.deepEqual(claims.map((c) => [c.metadata.name, status(c).phase]), [
      ['cache', 'Bound'],
      ['nowhere', 'Pending'],
    ]);
    const node = (objects(r, 'bound', 'Pod').find((p) => p.metadata.name === 'uses-cache')!.spec as { nodeName: string }).nodeName;
    assert.equal(claims[0].metadata.annotations?.['volume.kubernetes.io/selected-node'], node);
    assert.ok(reasons(r, 'FailedScheduling').includes('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'));
    assert.ok(reasons(r, 'WaitForFirstConsumer').includes('waiting for first consumer to be created before binding'));
  });

  it('hpa: scales up under load within the 2× rule, and down after the 5-minute window', () => {
    const r = run('hpa.yaml');
    const rescales = r.events.filter((e) => e.reason === 'SuccessfulRescale');
    // Pods started less than 5 minutes ago count as unready until Ready for one 30s metric window, and
    // unready pods count as idle when scaling up (upstream: podautoscaler/replica_calculator.go groupPods).
    assert.deepEqual(rescales.map((e) => e.message.split(';')[0]), ['New size: 4', 'New size: 6', 'New size: 9', 'New size: 10', 'New size: 2']);
    assert.equal(reasons(r, 'FailedGetResourceMetric')[0], 'failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)');
    assert.equal(rescales[0].message, 'New size: 4; reason: cpu resource utilization (percentage of request) above target');
    const loadStopped = r.steps[5].time;
    assert.ok(rescales[rescales.length - 1].time - loadStopped >= 300_000);
  });

  it('failures: crash loop, image pull back-off, missing secret, unschedulable, invalid object', () => {
    const r = run('failures.yaml');
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0].message, 'Deployment.apps "invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`');
    const pods = new Map(objects(r, 'broken', 'Pod').map((p) => [p.metadata.name, p as KObject & { status: { containerStatuses?: { state: { waiting?: { reason: string } }; restartCount: number }[] } }]));
    assert.equal(pods.get('bad-image')!.status.containerStatuses![0].state.waiting?.reason, 'ImagePullBackOff');
    assert.equal(pods.get('needs-config')!.status.containerStatuses![0].state.waiting?.reason, 'CreateContainerConfigError');
    assert.equal(pods.get('crasher')!.status.containerStatuses![0].restartCount, 5);
    assert.equal(pods.has('too-big'), true);
    assert.equal(objects(r, 'broken', 'Deployment').length, 0);
  });

  it('node-failure: NotReady after 50s (1.32 node-monitor-grace-period), eviction after 300s more, replacement scheduled elsewhere', () => {
    const r = run('node-failure.yaml');
    assert.deepEqual(r.failures, []);
    const downAt = r.steps[2].time;
    const notReady = r.events.find((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Node')!;
    assert.equal(notReady.time - downAt, 50_000);
    const eviction = r.events.find((e) => e.reason === 'TaintManagerEviction')!;
    assert.ok(eviction.time - notReady.time >= 299_000 && eviction.time - notReady.time <= 300_000);
    const pods = objects(r, 'evicted', 'Pod');
    assert.equal(pods.filter((p) => p.metadata.deletionTimestamp).length, 1);
    assert.equal(pods.filter((p) => !p.metadata.deletionTimestamp && (p.spec as { nodeName?: string }).nodeName !== 'node-2').length, 3);
    assert.equal(objects(r, 'node-back', 'Pod').length, 3);
    assert.ok(objects(r, 'drained', 'Node').find((n) => n.metadata.name === 'node-1')!.spec!.hasOwnProperty('unschedulable'));
  });

  it('namespace: deleting a namespace removes its content, then itself', () => {
    const r = run('namespace.yaml');
    assert.deepEqual(r.failures, []);
    assert.equal(status(objects(r, 'terminating', 'Namespace').find((n) => n.metadata.name === 'team-a')!).phase, 'Terminating');
    assert.equal(objects(r, 'gone', 'Namespace').some((n) => n.metadata.name === 'team-a'), false);
    assert.equal(r.snapshots[1].objects.some((o) => o.metadata.namespace === 'team-a'), false);
  });

  it('timeout: a waitFor that times out is reported as a failure', () => {
    const r = run('timeout.yaml');
    assert.equal(r.failures.length, 1);
    assert.match(r.failures[0].message, /^timed out after 30000ms waiting for Deployment\/api/);
  });
});
