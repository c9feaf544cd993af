/**
 * `apiVersion not set` / `kind not set` against the real kubectl: for each document, the "… not set"
 * errors kubectl's client-side validation prints are the ones Shipshape reports.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/core/analysis/analyzeFile';
import { PLAIN_FILE } from '../../server/src/core/analysis/fileRole';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { resourcesOf } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';

const KUBECTL = '/usr/bin/kubectl';
const available = existsSync(KUBECTL);
if (!available && process.env.CI !== 'true') console.warn(`SKIPPED: ${KUBECTL} not found; the kubectl comparison did not run`);

const CASES: Record<string, string> = {
  'no apiVersion': 'kind: ConfigMap\nmetadata:\n  name: a\ndata: {x: "1"}\n',
  'no kind': 'apiVersion: v1\nmetadata:\n  name: a\ndata: {x: "1"}\n',
  neither: 'metadata:\n  name: web\nspec:\n  replicas: 2\n',
  'list items': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: a}\n  - kind: ConfigMap\n    metadata: {name: b}\n',
};

const env = createDefaultEnvironment();

function shipshapeNotSet(text: string): string[] {
  const file = parseFile('file:///t.yaml', text);
  return analyzeFile(file, resourcesOf(file), DEFAULT_SETTINGS, env, PLAIN_FILE)
    .map((d) => d.message)
    .filter((m) => / not set$/.test(m))
    .sort();
}

describe('"not set" errors match kubectl', { skip: !available && process.env.CI !== 'true' ? `${KUBECTL} not found` : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-kubectl-'));
  // An empty configuration: no cluster is contacted for these errors, and the user's config stays unread.
  writeFileSync(join(dir, 'none'), 'apiVersion: v1\nkind: Config\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(CASES)) {
    it(name, async () => {
      assert.ok(available, `${KUBECTL} is required under CI`);
      const path = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(path, text);
      const result = await promisify(execFile)(KUBECTL, ['create', '--dry-run=client', '-o', 'name', '--kubeconfig', join(dir, 'none'), '-f', path]).then(
        () => ({ stderr: '' }),
        (err: { stderr?: string }) => ({ stderr: err.stderr ?? '' }),
      );
      const fromKubectl = [...result.stderr.matchAll(/\b(apiVersion|kind) not set\b/g)].map((m) => m[0]).sort();
      assert.ok(fromKubectl.length > 0, `kubectl refused the file for a missing field: ${result.stderr}`);
      assert.deepEqual(shipshapeNotSet(text), fromKubectl);
    });
  }
});
