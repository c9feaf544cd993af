import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../cli/runCli';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';

const TOO_DEEP = 'YAML nested too deeply to be read (the limit is 1,000 levels); the document was not checked.';

/** A ConfigMap written as one JSON line whose data nests `depth` arrays deep. */
function deepJson(depth: number): string {
  return `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "deep"}, "data": {"a": ${'['.repeat(depth)}1${']'.repeat(depth)}}}\n`;
}

describe('deeply nested JSON and flow manifests', () => {
  it('the CLI reports a 1,200-level JSON manifest as an error and fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-deep-'));
    try {
      writeFileSync(join(dir, 'deep.json.yaml'), deepJson(1200));
      writeFileSync(
        join(dir, 'flow.yaml'),
        `{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {a: ${'{b: '.repeat(1200)}1${'}'.repeat(1200)}}}\n`,
      );
      const result = await cli(['check', '.'], dir);
      assert.equal(result.code, 1, result.stdout);
      assert.equal(result.stdout.split('\n').filter((l) => l.includes(TOO_DEEP) && l.includes(' error ')).length, 2, result.stdout);
      assert.match(result.stdout, /2 problems \(2 errors, 0 warnings\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the editor analysis reports it too', () => {
    const service = new LanguageService(createDefaultEnvironment());
    service.update('file:///ws/deep.yaml', deepJson(1200), 1);
    const diagnostics = service.diagnostics('file:///ws/deep.yaml');
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.message]),
      [['error', TOO_DEEP]],
    );
  });

  it('JSON below the limit is read and checked normally (the schema sees the nested array)', () => {
    const service = new LanguageService(createDefaultEnvironment());
    service.update('file:///ws/ok.yaml', deepJson(20), 1);
    assert.deepEqual(
      service.diagnostics('file:///ws/ok.yaml').map((d) => d.message),
      ['expected string, got array'],
    );
  });
});
