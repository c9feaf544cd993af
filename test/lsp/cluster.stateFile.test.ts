import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STATE_FILE, type SavedCluster } from '../../server/src/lsp/cluster/persistence';
import { MAX_CLOCK_SPEED, validateSavedCluster } from '../../server/src/lsp/cluster/stateSchema';
import { Cluster } from '../../server/src/sim/cluster';
import { ClusterClient, tempStorage } from './clusterHelpers';

/** A valid saved cluster with a ConfigMap and a running Deployment (so timers and events), the clock running. */
function savedCluster(): SavedCluster {
  const cluster = new Cluster();
  const labels = { app: 'web' };
  cluster.apply([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: 'default' }, data: { a: '1' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    },
  ]);
  cluster.runFor(1_000);
  return { format: 'shipshape-cluster/1', clock: { paused: false, speed: 1 }, journalSeq: 0, cluster: cluster.exportState() };
}

function write(storage: string, value: unknown): void {
  writeFileSync(join(storage, STATE_FILE), typeof value === 'string' ? value : JSON.stringify(value));
}

describe('validation of the saved cluster', () => {
  it(`clamps a saved clock speed of 1e9 to ${MAX_CLOCK_SPEED}: the server starts and answers, with a warning`, async () => {
    const storage = tempStorage();
    const saved = savedCluster();
    saved.clock.speed = 1e9;
    write(storage, saved);
    const c = new ClusterClient();
    await c.start({ clusterStoragePath: storage }, true);
    const snapshot = await c.snapshot();
    assert.equal(snapshot.clock.speed, MAX_CLOCK_SPEED);
    assert.ok(snapshot.objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kept'));
    await c.until(() => c.logs.some((l) => l.message.includes('clock.speed 1000000000 is above the maximum')));
    await c.dispose();
  });

  it('refuses a timer whose time is "NaN": the file is quarantined, the cluster starts fresh and keeps working', async () => {
    const storage = tempStorage();
    const saved = savedCluster();
    const core = saved.cluster.core as { timers: { timers: { at: unknown }[] } };
    assert.ok(core.timers.timers.length > 0, 'the fixture has timers');
    core.timers.timers[0].at = 'NaN';
    write(storage, saved);
    const c = new ClusterClient();
    await c.start({ clusterStoragePath: storage });
    const { objects } = await c.snapshot();
    assert.equal(
      objects.some((o) => o.metadata.name === 'kept'),
      false,
    );
    await c.until(() => c.logs.some((l) => l.message.includes('could not be read')));
    assert.match(
      c.logs.find((l) => l.message.includes('could not be read'))!.message,
      /cluster\.core\.timers\.timers\[0\]\.at: must be a finite number, not "NaN"/,
    );
    assert.ok(existsSync(join(storage, `${STATE_FILE}.bak.1`)));
    await c.step(60_000);
    await c.dispose();
  });

  it('keeps numbered backups: a second bad file goes to .bak.2 and never overwrites .bak.1', async () => {
    const storage = tempStorage();
    for (const [i, text] of ['{"first": ', '{"second": '].entries()) {
      write(storage, text);
      const c = new ClusterClient();
      await c.start({ clusterStoragePath: storage });
      await c.until(() => c.logs.some((l) => l.message.includes(`cluster.json.bak.${i + 1}`)));
      await c.dispose();
    }
    assert.equal(readFileSync(join(storage, `${STATE_FILE}.bak.1`), 'utf8'), '{"first": ');
    assert.equal(readFileSync(join(storage, `${STATE_FILE}.bak.2`), 'utf8'), '{"second": ');
  });

  it('checks every part of the state: each damaged field is refused with its path', () => {
    const cases: [string, (s: SavedCluster & { cluster: { core: Record<string, unknown> } }) => void, RegExp][] = [
      ['negative speed', (s) => (s.clock.speed = -1), /clock\.speed: must not be negative/],
      ['paused as text', (s) => ((s.clock as { paused: unknown }).paused = 'yes'), /clock\.paused/],
      ['rng of 3 numbers', (s) => (s.cluster.core.rng = [1, 2, 3]), /cluster\.core\.rng: must hold 4 numbers/],
      ['clock as text', (s) => (s.cluster.core.clock = '5'), /cluster\.core\.clock: must be a finite number/],
      [
        'object without a name',
        (s) => ((s.cluster.core.objects as { metadata: { name?: string } }[])[0].metadata.name = undefined),
        /objects\[0\]\.metadata\.name/,
      ],
      ['event of unknown type', (s) => ((s.cluster.core.events as { stream: { type: string }[] }).stream[0].type = 'Fatal'), /stream\[0\]\.type/],
      ['fractional resourceVersion', (s) => (s.cluster.core.resourceVersion = 1.5), /resourceVersion: must be an integer/],
      ['journalSeq below zero', (s) => (s.journalSeq = -3), /journalSeq: must be an integer/],
      ['work item without a controller', (s) => (s.cluster.core.work = ['nothing']), /work\[0\]: must name a controller/],
    ];
    for (const [what, damage, expected] of cases) {
      const saved = savedCluster() as SavedCluster & { cluster: { core: Record<string, unknown> } };
      damage(saved);
      assert.throws(() => validateSavedCluster(JSON.parse(JSON.stringify(saved))), expected, what);
    }
    assert.deepEqual(validateSavedCluster(JSON.parse(JSON.stringify(savedCluster()))).warnings, []);
  });
});
