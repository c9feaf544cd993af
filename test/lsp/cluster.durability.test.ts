import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JOURNAL_FILE } from '../../server/src/lsp/cluster/journal';
import { LOCK_FILE } from '../../server/src/lsp/cluster/storageLock';
import { STATE_FILE } from '../../server/src/lsp/cluster/persistence';
import { tempStorage } from './clusterHelpers';
import { configMaps, ServerProcess } from './serverProcess';

const URI = 'file:///ws/config.yaml';

async function configMapNames(server: ServerProcess): Promise<string[]> {
  const { objects } = await server.snapshot();
  return objects
    .filter((o) => o.kind === 'ConfigMap' && o.metadata.namespace === 'default' && o.metadata.name.startsWith('cm-'))
    .map((o) => o.metadata.name)
    .sort();
}

const expectedNames = (count: number): string[] => Array.from({ length: count }, (_, i) => `cm-${i}`).sort();

describe('durable applies (real server processes)', () => {
  it('restores all 30 acknowledged ConfigMaps after kill -9 right after the last acknowledgement', async () => {
    const storage = tempStorage();
    const first = new ServerProcess();
    await first.initialize({ clusterStoragePath: storage });
    await first.open(URI, configMaps(30));
    for (let i = 0; i < 30; i++) {
      const response = await first.apply(URI, i);
      assert.equal(response.ok, true, JSON.stringify(response));
    }
    await first.kill();
    assert.ok(existsSync(join(storage, JOURNAL_FILE)), 'the journal exists');
    assert.equal(statSync(join(storage, JOURNAL_FILE)).mode & 0o777, 0o600, 'the journal holds Secrets: owner only');

    const second = new ServerProcess();
    await second.initialize({ clusterStoragePath: storage });
    assert.deepEqual(await configMapNames(second), expectedNames(30));
    // The killed server's lock was stale: the new server took the folder over without a notice.
    assert.deepEqual(second.shown, []);
    await second.shutdown();
    assert.equal(existsSync(join(storage, LOCK_FILE)), false, 'the lock is released on exit');
    assert.equal(statSync(join(storage, STATE_FILE)).mode & 0o777, 0o600);
  });

  it('ignores a torn last journal record (a write the crash interrupted) and keeps every complete one', async () => {
    const storage = tempStorage();
    const first = new ServerProcess();
    await first.initialize({ clusterStoragePath: storage });
    await first.open(URI, configMaps(3));
    for (let i = 0; i < 3; i++) assert.equal((await first.apply(URI, i)).ok, true);
    await first.kill();
    appendFileSync(join(storage, JOURNAL_FILE), '{"seq":99,"time":0,"op":{"type":"apply","objects":[{"apiVersion":"v1","kind":"Conf');

    const second = new ServerProcess();
    await second.initialize({ clusterStoragePath: storage });
    assert.deepEqual(await configMapNames(second), expectedNames(3));
    await second.until(() => second.logs.some((l) => l.message.includes('Ignored an incomplete last record')));
    // Appending after the torn bytes must not glue a new record onto them.
    await second.open(URI, configMaps(4));
    assert.equal((await second.apply(URI, 3)).ok, true);
    await second.kill();
    const third = new ServerProcess();
    await third.initialize({ clusterStoragePath: storage });
    assert.deepEqual(await configMapNames(third), expectedNames(4));
    assert.equal(
      third.logs.some((l) => l.message.includes('damaged')),
      false,
      third.logs.map((l) => l.message).join('\n'),
    );
    await third.shutdown();
  });

  it('lets one server own a storage folder: a second one gets its own unsaved cluster and says so', async () => {
    const storage = tempStorage();
    const owner = new ServerProcess();
    await owner.initialize({ clusterStoragePath: storage });
    const lock = JSON.parse(readFileSync(join(storage, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(lock.pid, owner.process.pid);

    const other = new ServerProcess();
    await other.initialize({ clusterStoragePath: storage });
    await other.until(() => other.shown.length > 0);
    assert.equal(other.shown[0].type, 2, 'a warning the user sees');
    assert.match(other.shown[0].message, new RegExp(`is in use by the Shipshape language server with process id ${owner.process.pid} .*not saved`));
    assert.ok(
      other.logs.some((l) => l.type === 2 && l.message === other.shown[0].message),
      'and in the log',
    );

    // Both apply; only the owner's objects are saved, and the owner's are never overwritten.
    await owner.open(URI, configMaps(10));
    await other.open(URI, configMaps(20));
    for (let i = 0; i < 10; i++) assert.equal((await owner.apply(URI, i)).ok, true);
    for (let i = 10; i < 20; i++) assert.equal((await other.apply(URI, i)).ok, true);
    await other.shutdown();
    assert.ok(existsSync(join(storage, LOCK_FILE)), 'the second server leaves the owner its lock');
    await owner.shutdown();

    const next = new ServerProcess();
    await next.initialize({ clusterStoragePath: storage });
    assert.deepEqual(await configMapNames(next), expectedNames(10));
    assert.deepEqual(next.shown, []);
    await next.shutdown();
  });
});
