import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { resourcesOf, type Resource } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { NO_CUSTOM_KINDS, type RuleProblem } from '../../server/src/core/schema/schemaChecks';
import { schemas } from './helpers';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-world');
const present = existsSync(join(CORPUS, 'README.md'));
const SKIP = present ? false : `real-world corpus not found at ${CORPUS}; the corpus test was skipped`;

/**
 * Documents that are invalid although the corpus README does not list them: each one holds a
 * field the API server rejects (checked by hand), so the finding is correct.
 */
const ALSO_INVALID: Record<string, string[]> = {
  'kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml v1 Pod': ['expected integer, got string'],
  'kubernetes-examples/_archived/volumes/rbd/rbd.yaml v1 Pod': ["Unknown field 'imageformat' in RBDVolumeSource", "Unknown field 'imagefeatures' in RBDVolumeSource"],
  'kubernetes-examples/_archived/volumes/scaleio/pod.yaml v1 Pod': ["Unknown field 'protectionDoamin' in ScaleIOVolumeSource; did you mean 'protectionDomain'?"],
  'kubernetes-examples/_archived/volumes/storageos/storageos-pod.yaml v1 Pod': ["Unknown field 'pool' in StorageOSVolumeSource"],
  'kubernetes-examples/_archived/volumes/storageos/storageos-pv.yaml v1 PersistentVolume': ["Unknown field 'secretName' in StorageOSPersistentVolumeSource"],
};

interface Listed {
  file: string;
  expected: string;
  apiVersion: string;
  kind: string;
}

/** The README's table of documents that are not plain-valid. */
function listedDocuments(): Listed[] {
  const out: Listed[] = [];
  for (const line of readFileSync(join(CORPUS, 'README.md'), 'utf8').split('\n')) {
    const m = /^\| (kubernetes-\S+) \| \d+ \| ([\w-]+) \| (\S+) (\S+) \|$/.exec(line.trim());
    if (m) out.push({ file: m[1], expected: m[2], apiVersion: m[3], kind: m[4] });
  }
  return out;
}

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...manifestFiles(path));
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(path);
  }
  return out;
}

const isError = (p: RuleProblem): boolean => (p.severity ?? (p.id === 'deprecated-api' ? 'warning' : 'error')) === 'error';

describe('real-world corpus (Kubernetes 1.36)', () => {
  it('reports schema errors only where the documents are invalid', { skip: SKIP }, () => {
    const listed = listedDocuments();
    assert.ok(listed.length >= 20, 'the README table was not found');
    const seen = new Set<string>();
    let resources = 0;
    const unexpected: string[] = [];
    for (const path of manifestFiles(CORPUS)) {
      const file = relative(CORPUS, path);
      const parsed = parseFile(`file://${path}`, readFileSync(path, 'utf8'));
      for (const resource of resourcesOf(parsed) as Resource[]) {
        resources++;
        const key = `${file} ${resource.apiVersion} ${resource.kind}`;
        const kind = schemas.checkKind(resource, '1.36', NO_CUSTOM_KINDS);
        const problems = [...kind.problems, ...(kind.served ? schemas.validate(resource, '1.36', { ignoreRequired: false }) : [])];
        const row = listed.find((l) => l.file === file && l.apiVersion === resource.apiVersion && l.kind === resource.kind);
        if (row) {
          seen.add(`${row.file} ${row.apiVersion} ${row.kind}`);
          if (row.expected === 'unknown-kind') {
            assert.ok(problems.some((p) => p.id === 'unknown-kind'), key);
            assert.ok(!problems.some(isError), `${key}: ${JSON.stringify(problems)}`);
          } else if (row.expected === 'removed-api') {
            assert.deepEqual(problems.map((p) => [p.id, isError(p)]), [['removed-api', true]], key);
          } else {
            assert.ok(!problems.some((p) => p.id === 'schema'), `${key} is schema-valid`);
          }
          continue;
        }
        const errors = problems.filter(isError).map((p) => p.message);
        if (ALSO_INVALID[key]) assert.deepEqual(errors, ALSO_INVALID[key], key);
        else if (errors.length > 0) unexpected.push(`${key}: ${errors.join(' | ')}`);
      }
    }
    assert.deepEqual(unexpected, []);
    assert.ok(resources > 300, `only ${resources} resources found`);
    for (const row of listed) assert.ok(seen.has(`${row.file} ${row.apiVersion} ${row.kind}`), `README row not found: ${row.file}`);
  });
});
