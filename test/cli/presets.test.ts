import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readProjectConfig } from '../../server/src/core/config/projectConfig';
import { cli } from './runCli';

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
      ports:
        - containerPort: 22
`;

function codes(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code))].sort();
}

describe('shipshape check: presets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-presets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'pod.yaml'), POD);

  it("reports no pack rule without --enable, and the preset's rules with it", async () => {
    assert.deepEqual(codes((await cli(['check', '.', '--format', 'json'], dir)).stdout), []);
    const security = codes((await cli(['check', '.', '--format', 'json', '--enable', 'security'], dir)).stdout);
    assert.ok(security.includes('host-network') && security.includes('ssh-port') && !security.includes('latest-tag'), security.join(' '));
    assert.ok(!security.includes('no-liveness-probe'), 'best-practices rules stay off');
    const two = codes((await cli(['check', '.', '--format', 'json', '--enable', 'ssh-port', '--enable', 'no-liveness-probe'], dir)).stdout);
    assert.deepEqual(two, ['no-liveness-probe', 'ssh-port']);
  });

  it('reads presets from .shipshape.yaml found upward from the checked path', async () => {
    const nested = mkdtempSync(join(dir, 'sub-'));
    writeFileSync(join(nested, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.shipshape.yaml'), 'presets: [best-practices]\n');
    try {
      const found = codes((await cli(['check', nested, '--format', 'json'], dir)).stdout);
      assert.ok(found.includes('no-liveness-probe') && !found.includes('host-network'), found.join(' '));
    } finally {
      rmSync(join(dir, '.shipshape.yaml'));
    }
  });

  it('refuses unknown presets', async () => {
    const r = await cli(['check', '.', '--enable', 'strict'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown --enable strict/);
  });

  it('reads .shipshape.yaml defensively', () => {
    assert.deepEqual(readProjectConfig('presets: [security, nope]\nother: 1\n', '/p/.shipshape.yaml'), {
      path: '/p/.shipshape.yaml',
      presets: ['security'],
      problems: ["/p/.shipshape.yaml: unknown preset or rule 'nope' (presets: best-practices, security, all, or a rule id of the pack)"],
    });
    assert.deepEqual(readProjectConfig('presets: all\n', 'x').presets, ['all']);
    assert.equal(readProjectConfig('presets: [\n', 'x').problems.length, 1);
    assert.deepEqual(readProjectConfig('', 'x'), { path: 'x', presets: [], problems: [] });
  });
});
