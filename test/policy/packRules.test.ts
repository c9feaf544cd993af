/**
 * Fixture tests for every rule of the best-practice pack, read from the rule pages: the page's example
 * produces the quoted message (only with the pack enabled), its passing example produces nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { PACK_RULES } from '../../server/src/core/rules/pack';
import { allDiagnostics } from './pipeline';

const DOCS = resolve(__dirname, '..', '..', '..', 'docs', 'rules');

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `section ${heading}`);
  return /```yaml\n([\s\S]*?)```/.exec(markdown.slice(start))?.[1] ?? '';
}

describe('best-practice pack', () => {
  it("has every rule the issue lists, under kube-linter's names", () => {
    const expected =
      'latest-tag unset-cpu-requirements unset-memory-requirements no-liveness-probe no-readiness-probe run-as-non-root no-read-only-root-fs privileged-container privilege-escalation-container host-network host-pid host-ipc docker-sock sensitive-host-mounts writable-host-mount drop-net-raw-capability unsafe-sysctls ssh-port env-var-secret read-secret-from-env-var default-service-account deprecated-service-account-field minimum-three-replicas no-anti-affinity no-rolling-update-strategy hpa-minimum-three-replicas pdb-max-unavailable pdb-min-available job-ttl-seconds-after-finished use-namespace wildcard-in-rules access-to-secrets access-to-create-pods cluster-admin-role-binding non-isolated-pod exposed-services priority-class-name unsafe-proc-mount'.split(
        ' ',
      );
    assert.deepEqual(PACK_RULES.map((r) => r.id).sort(), [...expected].sort());
  });

  for (const rule of PACK_RULES) {
    it(`${rule.id}: the page's example is reported, its passing example is not`, () => {
      const markdown = readFileSync(join(DOCS, `${rule.id}.md`), 'utf8');
      for (const heading of ['## What it reports', '## Why it matters', '## How to fix it', '## Where Shipshape differs from kube-linter'])
        assert.ok(markdown.includes(heading), heading);
      const quoted = /^> (.+)$/m.exec(markdown)?.[1];
      const bad = section(markdown, 'Example');
      const good = section(markdown, 'Passing example');
      const enabled = allDiagnostics({ 'example.yaml': bad }, { presets: [rule.preset] });
      assert.ok(
        enabled.filter((d) => d.code === rule.id).some((d) => d.message === quoted),
        `expected ${JSON.stringify(quoted)} among ${JSON.stringify(enabled.map((d) => `${d.code}: ${d.message}`))}`,
      );
      assert.deepEqual(
        enabled.filter((d) => ['yaml-syntax', 'schema', 'invalid-value', 'unknown-kind'].includes(d.code)).map((d) => d.message),
        [],
        'the example is valid',
      );
      assert.deepEqual(
        allDiagnostics({ 'example.yaml': bad }).filter((d) => d.code === rule.id),
        [],
        'off by default',
      );
      assert.deepEqual(
        allDiagnostics({ 'example.yaml': bad }, { presets: [rule.id] }).filter((d) => d.code === rule.id).length > 0,
        true,
        '--enable <rule> turns on one rule',
      );
      assert.deepEqual(
        allDiagnostics({ 'example.yaml': good }, { presets: ['all'] })
          .filter((d) => d.code === rule.id)
          .map((d) => d.message),
        [],
      );
    });
  }

  it("honours kube-linter's ignore annotation and ours", () => {
    const markdown = readFileSync(join(DOCS, 'host-pid.md'), 'utf8');
    const bad = section(markdown, 'Example');
    const annotated = (key: string, value: string): string => bad.replace('  namespace: shop\n', `  namespace: shop\n  annotations:\n    ${key}: "${value}"\n`);
    assert.equal(
      allDiagnostics({ 'a.yaml': annotated('ignore-check.kube-linter.io/host-pid', 'node agent') }, { presets: ['all'] }).filter((d) => d.code === 'host-pid')
        .length,
      0,
    );
    assert.equal(
      allDiagnostics({ 'a.yaml': annotated('ignore-check.kube-linter.io/host-ipc', 'x') }, { presets: ['all'] }).filter((d) => d.code === 'host-pid').length,
      1,
    );
    assert.equal(
      allDiagnostics({ 'a.yaml': annotated('shipshape.dev/ignore', 'host-pid') }, { presets: ['all'] }).filter((d) => d.code === 'host-pid').length,
      0,
    );
  });

  it('a severity in shipshape.rules turns a pack rule on; "off" wins over a preset', () => {
    const bad = section(readFileSync(join(DOCS, 'ssh-port.md'), 'utf8'), 'Example');
    assert.deepEqual(
      allDiagnostics({ 'a.yaml': bad }, { rules: { 'ssh-port': 'error' } })
        .filter((d) => d.code === 'ssh-port')
        .map((d) => d.severity),
      ['error'],
    );
    assert.equal(allDiagnostics({ 'a.yaml': bad }, { presets: ['all'], rules: { 'ssh-port': 'off' } }).filter((d) => d.code === 'ssh-port').length, 0);
  });
});
