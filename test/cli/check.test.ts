import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './runCli';

interface JsonOutput {
  diagnostics: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string; code: string; message: string; source: string }[];
  summary: { files: number; resources: number; errors: number; warnings: number };
}

describe('shipshape check', () => {
  it('prints the exact JSON contract, with paths relative to the working directory', async () => {
    const r = await cli(['check', 'check', '--format', 'json']);
    const out = JSON.parse(r.stdout) as JsonOutput;
    assert.deepEqual(Object.keys(out), ['diagnostics', 'summary']);
    assert.deepEqual(Object.keys(out.summary), ['files', 'resources', 'errors', 'warnings']);
    assert.equal(out.summary.files, 4);
    for (const d of out.diagnostics) {
      assert.deepEqual(Object.keys(d), ['file', 'range', 'severity', 'code', 'message', 'source']);
      assert.equal(d.source, 'shipshape');
      assert.ok(d.file.startsWith('check/'), d.file);
    }
    const dup = out.diagnostics.find((d) => d.code === 'duplicate-key');
    assert.deepEqual(dup && { file: dup.file, start: dup.range.start }, { file: 'check/broken.yaml', start: { line: 35, character: 2 } });
    assert.ok(out.diagnostics.some((d) => d.code === 'yaml-syntax' && d.file === 'check/syntax-error.yaml'));
    assert.ok(!out.diagnostics.some((d) => d.file.includes('docker-compose')), 'non-Kubernetes YAML gets no diagnostics');
    assert.equal(r.code, 1);
  });

  it('prints file:line:col severity message [id] and a summary line in text mode', async () => {
    const r = await cli(['check', 'check/broken.yaml']);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.some((l) => /^check\/broken\.yaml:36:3 error Duplicate key 'name'.* \[duplicate-key\]$/.test(l)), r.stdout);
    assert.match(lines[lines.length - 1], /^\d+ problems? \(\d+ errors?, \d+ warnings?\) in 1 file, 3 resources checked$/);
  });

  it('exits 0 on a clean file and 2 on usage errors', async () => {
    assert.equal((await cli(['check', 'check/app.yaml'])).code, 0);
    assert.equal((await cli(['check', '--format', 'xml'])).code, 2);
    assert.equal((await cli(['check', '--bogus'])).code, 2);
    assert.equal((await cli(['check', 'does-not-exist.yaml'])).code, 2);
    assert.equal((await cli(['check', '--kubernetes-version', '1.2'])).code, 2);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });

  it('writes SARIF 2.1.0 with rule metadata', async () => {
    const r = await cli(['check', 'check/broken.yaml', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const ids = sarif.runs[0].tool.driver.rules.map((x) => x.id);
    assert.ok(ids.includes('schema') && ids.includes('selector-mismatch') && ids.includes('duplicate-resource'));
    const dup = sarif.runs[0].results.find((x) => x.ruleId === 'duplicate-key');
    assert.equal(dup?.locations[0].physicalLocation.region.startLine, 36);
  });
});

describe('shipshape check --max-warnings', () => {
  it('fails only when warnings exceed the allowance', async () => {
    assert.equal((await cli(['check', 'warnings'])).code, 0);
    assert.equal((await cli(['check', 'warnings', '--max-warnings', '1'])).code, 0);
    assert.equal((await cli(['check', 'warnings', '--max-warnings', '0'])).code, 1);
    assert.equal((await cli(['check', 'warnings', '--max-warnings', '-3'])).code, 2);
  });

  it('validates against the chosen Kubernetes version', async () => {
    const r = await cli(['check', 'warnings', '--kubernetes-version', '1.32', '--format', 'json']);
    assert.equal(r.code, 0);
    assert.deepEqual((JSON.parse(r.stdout) as { diagnostics: unknown[] }).diagnostics, [], 'v1 Endpoints is not deprecated before 1.33');
  });
});
