import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { podCategory, summarizePod } from '../../client/src/webview/model/pods';
import { buildTable, type TableView } from '../../client/src/webview/model/tables';
import type { KubeObject } from '../../server/src/lsp/protocol';
import { Cluster } from '../../server/src/sim/cluster';
import type { Pod } from '../../server/src/sim/types';
import { example, shopCluster, snapshotOf } from './fixtures';

function row(table: TableView, name: string): Record<string, string> {
  const found = table.rows.find((r) => r.ref.name === name);
  assert.ok(found, `no row ${name} in ${table.title}: ${table.rows.map((r) => r.ref.name).join(', ')}`);
  return Object.fromEntries(table.columns.map((c, i) => [c, found.cells[i]]));
}

function modelOf(cluster: Cluster): ClusterModel {
  const model = new ClusterModel();
  model.loadSnapshot(snapshotOf(cluster));
  return model;
}

describe('kubectl columns in the panel tables', () => {
  let shop: ClusterModel;
  before(() => {
    shop = modelOf(shopCluster());
  });

  it('Deployments: READY is ready/desired, UP-TO-DATE and AVAILABLE as kubectl prints them', () => {
    const table = buildTable(shop, 'deployments', { namespace: 'shop' });
    assert.deepEqual(table.columns, ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.deepEqual(row(table, 'api'), { NAME: 'api', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3', AGE: '60s' });
    assert.deepEqual(row(table, 'worker'), { NAME: 'worker', READY: '0/2', 'UP-TO-DATE': '2', AVAILABLE: '0', AGE: '60s' });
    assert.equal(table.rows.find((r) => r.ref.name === 'api')?.tone, 'ok');
    assert.equal(table.rows.find((r) => r.ref.name === 'worker')?.tone, 'warn');
  });

  it('adds a NAMESPACE column for all namespaces, like kubectl get -A, sorted by namespace then name', () => {
    const table = buildTable(shop, 'deployments');
    assert.deepEqual(table.columns, ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.deepEqual(
      table.rows.map((r) => r.cells.slice(0, 2).join('/')),
      ['shop/api', 'shop/frontend', 'shop/worker'],
    );
  });

  it('ReplicaSets: DESIRED CURRENT READY', () => {
    const table = buildTable(shop, 'replicasets', { namespace: 'shop' });
    const api = table.rows.find((r) => r.ref.name.startsWith('api-'));
    assert.ok(api);
    assert.deepEqual(api.cells.slice(1, 4), ['3', '3', '3']);
  });

  it('Pods: READY, STATUS, RESTARTS with the age of the last restart, NODE', () => {
    const table = buildTable(shop, 'pods', { namespace: 'shop' });
    assert.deepEqual(table.columns, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE']);
    const worker = table.rows.filter((r) => r.ref.name.startsWith('worker-'));
    assert.equal(worker.length, 2);
    for (const r of worker) {
      const cells = Object.fromEntries(table.columns.map((c, i) => [c, r.cells[i]]));
      assert.equal(cells.READY, '0/1');
      assert.match(cells.STATUS, /^(CrashLoopBackOff|Error)$/);
      assert.match(cells.RESTARTS, /^[1-9]\d* \(\d+s ago\)$/);
      assert.match(cells.NODE, /^node-\d$/);
      assert.equal(r.category, 'failing');
      assert.equal(r.tone, 'error');
    }
    const frontend = table.rows.find((r) => r.ref.name.startsWith('frontend-'));
    assert.ok(frontend);
    assert.match(frontend.cells[2], /^(ErrImagePull|ImagePullBackOff)$/);
    const api = table.rows.filter((r) => r.ref.name.startsWith('api-'));
    assert.deepEqual(
      api.map((r) => [r.cells[1], r.cells[2], r.cells[3], r.category]),
      Array(3).fill(['1/1', 'Running', '0', 'ready']),
    );
  });

  it('Services: TYPE, CLUSTER-IP, PORT(S) and ready ENDPOINTS; a selector matching nothing is a warning', () => {
    const table = buildTable(shop, 'services', { namespace: 'shop' });
    assert.deepEqual(table.columns, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'ENDPOINTS', 'AGE']);
    const api = row(table, 'api-service');
    assert.equal(api.TYPE, 'ClusterIP');
    assert.match(api['CLUSTER-IP'], /^10\.\d+\.\d+\.\d+$/);
    assert.equal(api['EXTERNAL-IP'], '<none>');
    assert.equal(api['PORT(S)'], '80/TCP');
    assert.equal(api.ENDPOINTS.split(',').length, 3);
    for (const endpoint of api.ENDPOINTS.split(',')) assert.match(endpoint, /^10\.244\.\d+\.\d+:8080$/);
    assert.equal(row(table, 'orphan').ENDPOINTS, '<none>');
    assert.equal(table.rows.find((r) => r.ref.name === 'orphan')?.tone, 'warn');
  });

  it('Jobs, CronJobs and HPAs: COMPLETIONS, SCHEDULE, LAST SCHEDULE, REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS', () => {
    const job = row(buildTable(shop, 'jobs', { namespace: 'default' }), 'db-migrate');
    assert.deepEqual([job.STATUS, job.COMPLETIONS, job.AGE], ['Complete', '1/1', '60s']);
    assert.match(job.DURATION, /^\d+s$/);
    const cron = row(buildTable(shop, 'cronjobs', { namespace: 'default' }), 'nightly-report');
    assert.equal(cron.SCHEDULE, '0 2 * * *');
    assert.equal(cron['LAST SCHEDULE'], '<none>');
    assert.equal(cron.SUSPEND, 'false');
    const hpa = row(buildTable(shop, 'hpas', { namespace: 'shop' }), 'api');
    assert.equal(hpa.REFERENCE, 'Deployment/api');
    assert.match(hpa.TARGETS, /^cpu: (\d+%|<unknown>)\/70%$/);
    assert.deepEqual([hpa.MINPODS, hpa.MAXPODS, hpa.REPLICAS], ['3', '10', '3']);
  });

  it('PVCs and PVs: STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS', () => {
    const cluster = new Cluster({ seed: 2 });
    cluster.applyText(example('database/postgres.yaml'), 'postgres.yaml');
    cluster.runFor(60_000);
    const model = modelOf(cluster);
    const pvcs = buildTable(model, 'pvcs', { namespace: 'default' });
    assert.deepEqual(pvcs.columns, ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE']);
    assert.ok(pvcs.rows.length > 0, 'the StatefulSet created claims');
    const claim = Object.fromEntries(pvcs.columns.map((c, i) => [c, pvcs.rows[0].cells[i]]));
    assert.equal(claim.STATUS, 'Bound');
    assert.match(claim.VOLUME, /^pvc-/);
    assert.equal(claim['ACCESS MODES'], 'RWO');
    assert.equal(claim.STORAGECLASS, 'standard');
    const pvs = buildTable(model, 'pvs', { namespace: 'default' });
    assert.ok(!pvs.columns.includes('NAMESPACE'), 'PersistentVolumes are cluster-scoped');
    const bound = pvs.rows.find((r) => r.ref.name === claim.VOLUME);
    assert.ok(bound, `no PersistentVolume ${claim.VOLUME}`);
    const volume = Object.fromEntries(pvs.columns.map((c, i) => [c, bound.cells[i]]));
    assert.equal(volume.STATUS, 'Bound');
    assert.equal(volume.CLAIM, `default/${pvcs.rows[0].ref.name}`);
    assert.equal(volume.CAPACITY, claim.CAPACITY);
  });

  it('filters rows by any cell and keeps the unfiltered total', () => {
    const table = buildTable(shop, 'pods', { filter: 'crashloop' });
    assert.ok(table.rows.length >= 1);
    assert.ok(table.rows.every((r) => r.cells.some((c) => c.toLowerCase().includes('crashloop'))));
    assert.ok(table.total > table.rows.length);
  });
});

describe('pod colour categories', () => {
  const pod = (status: Partial<Pod['status']>, extra: Partial<Pod['spec']> = {}): Pod =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { containers: [{ name: 'c', image: 'i' }], ...extra },
      status: { phase: 'Pending', ...status },
    }) as Pod;

  it('follows the kubectl STATUS column and readiness', () => {
    assert.equal(podCategory(pod({}), 'Pending', false), 'pending');
    assert.equal(podCategory(pod({}, { nodeName: 'node-1' }), 'Pending', false), 'creating');
    assert.equal(podCategory(pod({}), 'ContainerCreating', false), 'creating');
    assert.equal(podCategory(pod({}), 'Init:0/2', false), 'creating');
    assert.equal(podCategory(pod({ phase: 'Running' }), 'Running', true), 'ready');
    assert.equal(podCategory(pod({ phase: 'Running' }), 'Running', false), 'notReady');
    assert.equal(podCategory(pod({ phase: 'Running' }), 'NotReady', false), 'notReady');
    for (const status of [
      'CrashLoopBackOff',
      'Error',
      'ErrImagePull',
      'ImagePullBackOff',
      'CreateContainerConfigError',
      'OOMKilled',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'ExitCode:2',
      'Failed',
      'Evicted',
    ]) {
      assert.equal(podCategory(pod({ phase: 'Running' }), status, false), 'failing', status);
    }
    assert.equal(podCategory(pod({ phase: 'Running' }), 'Terminating', true), 'terminating');
    assert.equal(podCategory(pod({ phase: 'Succeeded' }), 'Completed', false), 'succeeded');
    assert.equal(podCategory(pod({ phase: 'Running' }), 'Unknown', false), 'unknown');
  });

  it('shows a deleted pod as Terminating until it is gone', () => {
    const cluster = shopCluster({ runMs: 30_000 });
    const victim = cluster.list<Pod>('Pod', 'shop').find((p) => p.metadata.labels?.app === 'api');
    assert.ok(victim);
    cluster.delete({ kind: 'Pod', namespace: 'shop', name: victim.metadata.name });
    const summary = summarizePod(cluster.get('Pod', 'shop', victim.metadata.name) as unknown as KubeObject, cluster.now);
    assert.equal(summary.status, 'Terminating');
    assert.equal(summary.category, 'terminating');
  });
});
