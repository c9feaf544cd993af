import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ClusterClient } from '../lsp/clusterHelpers';
import { assertStillServing } from './helpers';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-disk\ndata:\n  a: "1"\n';

/** A workspace folder with a regular manifest, a FIFO named *.yaml and a link to a file outside. */
function workspace(): { dir: string; fifo: string; regular: string; link: string; outside: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-access-'));
  const outsideDir = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
  const outside = join(outsideDir, 'secret.yaml');
  writeFileSync(outside, CONFIG_MAP.replace('from-disk', 'from-outside'));
  const regular = join(dir, 'app.yaml');
  writeFileSync(regular, CONFIG_MAP);
  const fifo = join(dir, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const link = join(dir, 'link.yaml');
  symlinkSync(outside, link);
  return { dir, fifo, regular, link, outside };
}

describe('file access of apply and the workspace index', () => {
  it('reads only regular files inside the workspace folders: a FIFO, /etc/shadow and a link to outside are refused', async () => {
    const ws = workspace();
    const c = new ClusterClient();
    const logs: string[] = [];
    const indexed = new Promise<void>((resolve) =>
      c.lsp.client.onNotification('window/logMessage', (p: { message: string }) => {
        logs.push(p.message);
        if (p.message.startsWith('Indexed ')) resolve();
      }),
    );
    try {
      await c.start({}, false, { rootUri: pathToFileURL(ws.dir).toString() });
      await indexed;
      assert.ok(
        logs.some((m) => m.startsWith('Indexed 1 manifest files')),
        logs.join('\n'),
      );
      // A change notice for the FIFO must not block the server on a read that never ends.
      await c.lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ws.fifo).toString(), type: 2 }] });
      const refused = async (path: string, reason: RegExp): Promise<void> => {
        const uri = pathToFileURL(path).toString();
        await assert.rejects(c.apply(uri), (err: { code: number; message: string }) => {
          assert.equal(err.code, -32602);
          assert.match(err.message, new RegExp(`^apply: cannot read ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${reason.source}`));
          return true;
        });
      };
      await refused(ws.fifo, /\(not a regular file\)$/);
      await refused('/etc/shadow', /\(outside the workspace folders\)$/);
      await refused(ws.outside, /\(outside the workspace folders\)$/);
      await refused(ws.link, /\(outside the workspace folders\)$/);
      const applied = await c.apply(pathToFileURL(ws.regular).toString());
      assert.equal(applied.ok, true, JSON.stringify(applied));
      assert.ok(await c.find('ConfigMap', 'from-disk'));
      assert.equal(await c.find('ConfigMap', 'from-outside'), undefined);
      await assertStillServing(c.lsp, assert.ok);
    } finally {
      await c.dispose();
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
