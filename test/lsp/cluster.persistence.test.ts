import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';
import { ClusterStateFile, STATE_FILE, type SavedCluster } from '../../server/src/lsp/cluster/persistence';
import { applyShop, ClusterClient, tempStorage } from './clusterHelpers';

const identities = (objects: { kind: string; metadata: { name: string; namespace?: string; uid: string; resourceVersion: string } }[]): string[] =>
  objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name} ${o.metadata.uid} ${o.metadata.resourceVersion}`).sort();

const FRESH_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const namespaces = (objects: { kind: string; metadata: { name: string } }[]): string[] =>
  objects
    .filter((o) => o.kind === 'Namespace')
    .map((o) => o.metadata.name)
    .sort();

describe('persistence of the simulated cluster', () => {
  it('saves on shutdown and restores every object, the clock and the revision history in a new server', async () => {
    const storage = tempStorage();
    const first = new ClusterClient();
    await first.start({ clusterStoragePath: storage });
    await applyShop(first);
    await first.action({ type: 'setSpeed', speed: 5 });
    const before = await first.snapshot();
    await first.dispose();
    assert.ok(existsSync(join(storage, STATE_FILE)), 'no state file after shutdown');

    const second = new ClusterClient();
    await second.start({ clusterStoragePath: storage }, true);
    const after = await second.snapshot();
    assert.deepEqual(identities(after.objects), identities(before.objects));
    assert.equal(after.clock.time, before.clock.time);
    assert.deepEqual({ paused: after.clock.paused, speed: after.clock.speed }, { paused: true, speed: 5 });
    // The restored cluster keeps working: the revision history allows an undo after a change.
    const restart = await second.action({ type: 'rolloutRestart', kind: 'Deployment', namespace: 'shop', name: 'api' });
    assert.equal(restart.ok, true);
    await second.step(60_000);
    assert.deepEqual(await second.action({ type: 'rolloutUndo', namespace: 'shop', name: 'api' }), { ok: true, message: 'deployment.apps/api rolled back' });
    await second.dispose();
  });

  it('sends the restored cluster as a reset delta when the server starts', async () => {
    const storage = tempStorage();
    const first = new ClusterClient();
    await first.start({ clusterStoragePath: storage });
    await applyShop(first);
    await first.dispose();

    const second = new ClusterClient();
    await second.start({ clusterStoragePath: storage });
    await second.until(() => second.deltas.some((d) => d.reset));
    const reset = second.deltas.find((d) => d.reset)!;
    assert.ok(reset.upserts.some((o) => o.kind === 'Deployment' && o.metadata.name === 'api'));
    assert.ok(reset.events.some((e) => e.reason === 'ScalingReplicaSet'));
    await second.dispose();
  });

  it('starts fresh from a corrupt state file, keeps it as .bak.1 and logs a warning', async () => {
    const storage = tempStorage();
    writeFileSync(join(storage, STATE_FILE), '{"format": "shipshape-cluster/1", "clock": ');
    const c = new ClusterClient();
    await c.start({ clusterStoragePath: storage });
    const snapshot = await c.snapshot();
    assert.deepEqual(
      snapshot.objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name),
      ['node-1', 'node-2', 'node-3'],
    );
    assert.deepEqual(namespaces(snapshot.objects), FRESH_NAMESPACES);
    assert.equal(readFileSync(join(storage, `${STATE_FILE}.bak.1`), 'utf8'), '{"format": "shipshape-cluster/1", "clock": ');
    assert.equal(existsSync(join(storage, STATE_FILE)), false);
    await c.until(() => c.logs.some((l) => l.message.includes('could not be read')));
    const warning = c.logs.find((l) => l.message.includes('could not be read'))!;
    assert.equal(warning.type, 2, 'logged as a warning');
    assert.match(warning.message, /starting with a fresh cluster\. The file was kept as .*cluster\.json\.bak\.1\.$/);
    await c.dispose();
  });

  it('starts fresh when the engine cannot import the saved state', async () => {
    const storage = tempStorage();
    const bogus = { format: 'shipshape-cluster/1', clock: { paused: false, speed: 1 }, cluster: { format: 'shipshape-sim/0', options: {}, core: {} } };
    writeFileSync(join(storage, STATE_FILE), JSON.stringify(bogus));
    const c = new ClusterClient();
    await c.start({ clusterStoragePath: storage });
    assert.deepEqual(namespaces((await c.snapshot()).objects), FRESH_NAMESPACES);
    assert.ok(existsSync(join(storage, `${STATE_FILE}.bak.1`)));
    await c.dispose();
  });

  it('writes atomically: a complete file and no temporary files left behind', async () => {
    const storage = tempStorage();
    const errors: string[] = [];
    const file = new ClusterStateFile(storage, (m) => errors.push(m));
    const exported = new Cluster().exportState();
    const state = (n: number): SavedCluster => ({ format: 'shipshape-cluster/1', clock: { paused: true, speed: n }, journalSeq: 0, cluster: exported });
    file.scheduleSave(() => state(1));
    file.scheduleSave(() => state(2));
    await file.saveNow();
    assert.deepEqual(file.load(), { kind: 'loaded', saved: state(2), warnings: [] });
    assert.deepEqual(readdirSync(storage), [STATE_FILE]);
    assert.equal(statSync(join(storage, STATE_FILE)).mode & 0o777, 0o600, 'the state file holds Secrets: owner only');
    assert.deepEqual(errors, []);
    file.dispose();
  });
});
