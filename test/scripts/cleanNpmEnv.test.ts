import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const CLEAN_NPM_ENV = join(ROOT, 'scripts', 'e2e', 'clean-npm-env.sh');
/** The prefix of the Node running this test (holds bin/node and include/node). */
const NODE_HOME = dirname(dirname(process.execPath));

/** What an outer `npm run` on another Node leaves in its children's environment. */
const OUTER_NPM_ENV = {
  npm_config_user_agent: 'npm/10.0.0 node/v18.0.0 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_lifecycle_event: 'start',
  npm_node_execpath: '/usr/bin/node18',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  NPM_CONFIG_PREFIX: '/somewhere/else',
  NODE: '/usr/bin/node18',
  INIT_CWD: '/work/repo',
  npm_config_registry: 'https://registry.example.test/',
  SHIPSHAPE_UNRELATED: 'kept',
};
/** A PATH without npm's additions (this test itself may run under `npm test`, which adds them). */
const BASE_PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
const OUTER_PATH = `/work/repo/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:${BASE_PATH}`;

function run(args: string[], cwd = ROOT): string {
  return execFileSync('bash', [CLEAN_NPM_ENV, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...OUTER_NPM_ENV, PATH: OUTER_PATH } });
}

function environmentOf(output: string): Map<string, string> {
  return new Map(
    output
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

describe('scripts/e2e/clean-npm-env.sh (nested npm installs under `npm start` / `npm test`)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-clean-npm-env-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("removes the outer npm's variables, keeps connection settings and everything else", () => {
    const env = environmentOf(run(['env', '-0']));
    for (const name of [
      'npm_config_user_agent',
      'npm_config_nodedir',
      'npm_lifecycle_event',
      'npm_node_execpath',
      'npm_execpath',
      'NPM_CONFIG_PREFIX',
      'NODE',
      'INIT_CWD',
    ]) {
      assert.equal(env.get(name), undefined, `${name} should be removed`);
    }
    assert.equal(env.get('npm_config_registry'), 'https://registry.example.test/');
    assert.equal(env.get('SHIPSHAPE_UNRELATED'), 'kept');
    assert.equal(env.get('PATH'), BASE_PATH, 'node_modules/.bin and node-gyp-bin folders are dropped from PATH');
  });

  it('with --node-home, puts that Node first on PATH and points node-gyp at its headers', () => {
    const env = environmentOf(run(['--node-home', '/opt/node24', '--', 'env', '-0']));
    assert.equal(env.get('PATH'), `/opt/node24/bin:${BASE_PATH}`);
    assert.equal(env.get('npm_config_nodedir'), '/opt/node24');
  });

  it('an install script under it sees the Node that runs npm, not the outer one (what code-server checks)', () => {
    const pkg = join(scratch, 'pkg');
    mkdirSync(pkg);
    const script = 'node -e "console.log(process.env.npm_config_user_agent)"';
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { 'user-agent': script } }));
    const args = ['npm', 'run', '--silent', 'user-agent', '--offline'];
    // Without the scrubbing the outer agent leaks through: this is the failure the script prevents.
    const leaked = execFileSync(args[0], args.slice(1), { cwd: pkg, encoding: 'utf8', env: { ...process.env, ...OUTER_NPM_ENV, PATH: OUTER_PATH } });
    assert.match(leaked, /node\/v18\.0\.0/);
    const clean = run(['--node-home', NODE_HOME, '--', ...args], pkg);
    assert.match(clean, new RegExp(`^npm/\\S+ node/${process.version.replace(/\./g, '\\.')} `));
  });

  it('fails with usage when no command is given', () => {
    assert.throws(() => run(['--node-home', NODE_HOME]), /usage: clean-npm-env\.sh/);
  });
});
