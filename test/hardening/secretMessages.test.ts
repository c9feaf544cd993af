import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { createObjectValidator } from '../../server/src/core/service/objectValidator';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { MASK, maskValueInMessage } from '../../server/src/core/model/secrets';
import { runSimulate } from '../../server/src/cli/simulate';
import { Cluster } from '../../server/src/sim/cluster';
import { cli } from '../cli/runCli';

const SECRET_VALUES = ['SUPERSECRET-hunter2!', '98765432123', '24680'];
const SECRET_YAML = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: db',
  'data:',
  '  password: SUPERSECRET-hunter2!',
  '  pin: 98765432123',
  'stringData:',
  '  token: 24680',
  '',
].join('\n');

function assertNoSecret(text: string, where: string): void {
  for (const value of SECRET_VALUES) assert.ok(!text.includes(value), `${where} shows ${value}:\n${text}`);
}

describe('Secret values never appear in messages', () => {
  it('check masks them in text, JSON and SARIF output, and still reports the problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-secret-'));
    try {
      writeFileSync(join(dir, 'secret.yaml'), SECRET_YAML);
      for (const format of ['text', 'json', 'sarif']) {
        const result = await cli(['check', '.', '--format', format], dir);
        assert.equal(result.code, 1);
        assertNoSecret(result.stdout + result.stderr, `check --format ${format}`);
      }
      const text = await cli(['check', '.'], dir);
      assert.match(text.stdout, new RegExp(`'${MASK}' must be base64-encoded data`));
      assert.match(text.stdout, new RegExp(`expected string, got integer; quote it: "${MASK}"`));
      assert.match(text.stdout, /3 problems/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the API server of the simulated cluster masks them in its rejection', () => {
    const validator = createObjectValidator(createDefaultEnvironment(), DEFAULT_SETTINGS);
    const c = new Cluster({ seed: 1, validator });
    const [result] = c.applyText(SECRET_YAML);
    assert.equal(result.ok, false);
    assert.match(result.message, /^The Secret "db" is invalid: /);
    assertNoSecret(result.message, 'apply');
  });

  it('maskValueInMessage hides every quoted and bare form, and leaves other words alone', () => {
    assert.equal(maskValueInMessage("'abc' must be base64-encoded data", 'abc'), `'${MASK}' must be base64-encoded data`);
    assert.equal(maskValueInMessage('data.pin: Invalid value: 98765432123', 98765432123), `data.pin: Invalid value: ${MASK}`);
    const long = 'x'.repeat(80);
    assert.equal(maskValueInMessage(`'${long.slice(0, 57)}...' is too long`, long), `'${MASK}' is too long`);
    assert.equal(maskValueInMessage('expected string, got integer', 1), 'expected string, got integer');
  });

  it('simulate --json masks Secret data, stringData and the last-applied annotation; --reveal-secrets shows them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-secret-sim-'));
    try {
      const good = [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: db',
        'data:',
        '  password: U1VQRVJTRUNSRVQ=',
        'stringData:',
        '  token: tok-24680-abc',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'secret.yaml'), good);
      writeFileSync(join(dir, 'scenario.yaml'), 'seed: 1\nsteps:\n  - apply: secret.yaml\n  - snapshot: after\n');
      const run = async (args: string[]): Promise<string> => {
        let out = '';
        const code = await runSimulate(args, { stdout: (s) => (out += s), stderr: (s) => (out += s), cwd: dir });
        assert.equal(code, 0, out);
        return out;
      };
      const masked = await run(['scenario.yaml', '--json']);
      for (const value of ['U1VQRVJTRUNSRVQ=', 'tok-24680-abc']) assert.ok(!masked.includes(value), `--json shows ${value}`);
      const secret = (
        JSON.parse(masked) as {
          snapshots: { objects: { kind: string; data?: Record<string, string>; metadata: { annotations?: Record<string, string> } }[] }[];
        }
      ).snapshots[0].objects.find((o) => o.kind === 'Secret');
      assert.ok(secret);
      assert.equal(secret.data?.password, `${MASK} (11 bytes)`);
      assert.equal(secret.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], MASK);
      const revealed = await run(['scenario.yaml', '--json', '--reveal-secrets']);
      assert.ok(revealed.includes('U1VQRVJTRUNSRVQ='));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
