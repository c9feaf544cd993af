import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { runChecks } from './helpers';

/**
 * False-positive guard: the document checks run over real manifests people wrote (kubernetes/examples
 * and the kubernetes/website examples) and must find nothing, except in the documents the corpus
 * README lists as not valid and in the few true positives named below.
 */
const CORPUS = resolve(__dirname, '../../../../shared/corpus/real-world');

/**
 * Documents of the corpus the API server really rejects although the corpus README does not list
 * them (it lists schema-level problems only). Each entry: file, 1-based line of the document, reason.
 */
const KNOWN_TRUE_POSITIVES: [string, number, string][] = [
  ['kubernetes-examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml', 1, 'protocol: tcp (the API server only accepts "TCP")'],
  ['kubernetes-examples/_archived/volumes/cinder/cinder-web.yaml', 1, 'protocol: tcp (the API server only accepts "TCP")'],
];

function manifestFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) manifestFiles(path, out);
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** `file → 1-based lines` of the documents the README table lists as not plain-valid. */
function listedDocuments(): Map<string, number[]> {
  const listed = new Map<string, number[]>();
  const readme = readFileSync(join(CORPUS, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/^\| (kubernetes-[^ |]+) \| (\d+) \|/gm)) {
    listed.set(m[1], [...(listed.get(m[1]) ?? []), Number(m[2])]);
  }
  for (const [file, line] of KNOWN_TRUE_POSITIVES) listed.set(file, [...(listed.get(file) ?? []), line]);
  return listed;
}

describe('document checks on the real-world corpus', { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` }, () => {
  it('report nothing outside the documents known to be invalid', () => {
    const listed = listedDocuments();
    assert.ok(listed.size >= 20, 'the README table was read');
    const files = manifestFiles(CORPUS);
    assert.ok(files.length > 250, `found ${files.length} manifest files`);
    const unexpected: string[] = [];
    let excusedDocuments = 0;
    for (const path of files) {
      const name = relative(CORPUS, path).replace(/\\/g, '/');
      const text = readFileSync(path, 'utf8');
      const parsed = parseFile(`file://${path}`, text);
      const excusedIndexes = new Set(
        (listed.get(name) ?? []).map((line) => {
          const offset = parsed.lines.offsetAt({ line: line - 1, character: 0 });
          return parsed.documents.findIndex((d) => offset >= d.start && offset < Math.max(d.end, d.start + 1));
        }),
      );
      excusedDocuments += excusedIndexes.size;
      for (const d of runChecks(text, { uri: `file://${path}` })) {
        if (excusedIndexes.has(d.data?.documentIndex as number)) continue;
        unexpected.push(`${name}:${d.range.start.line + 1}: [${d.code}] ${d.message}`);
      }
    }
    assert.ok(excusedDocuments >= 20, `mapped the listed documents (${excusedDocuments})`);
    assert.deepEqual(unexpected, []);
  });

  it('find the semantic error the README lists: a Job with no name and no restartPolicy', () => {
    const path = join(CORPUS, 'kubernetes-website/content/en/examples/controllers/job-success-policy-example.yaml');
    const messages = runChecks(readFileSync(path, 'utf8')).map((d) => d.message);
    assert.deepEqual(messages, [
      'metadata.name: Required value: name or generateName is required',
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('find the true positives listed above', () => {
    for (const [file, , reason] of KNOWN_TRUE_POSITIVES) {
      const found = runChecks(readFileSync(join(CORPUS, file), 'utf8'));
      assert.equal(found.length, 1, `${file}: ${reason}`);
      assert.match(found[0].message, /protocol: Unsupported value: "tcp"/);
    }
  });
});

describe('document checks on hand-written valid manifests', () => {
  it('report nothing', () => {
    const text = readFileSync(resolve(__dirname, '../../../test/rules/fixtures/valid.yaml'), 'utf8');
    const found = runChecks(text).map((d) => `${d.range.start.line + 1}: [${d.code}] ${d.message}`);
    assert.deepEqual(found, []);
  });
});
