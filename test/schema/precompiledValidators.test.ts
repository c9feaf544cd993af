import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resourcesOf, type Resource } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { translateErrors } from '../../server/src/core/schema/errorTranslation';
import { codeCacheFile, HEADER_PREFIX, loadValidatorsScript, VALIDATORS_FILE } from '../../server/src/core/schema/precompiledValidators';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import { VersionSchemas } from '../../server/src/core/schema/versionSchemas';
import { generateValidators } from '../../scripts/validators/generate';

const SOURCE = join(findSchemaDir(), 'v1.36');
const ROOT = join(findSchemaDir(), '..');

/** Manifests with schema errors of every kind the translator handles, on several kinds. */
const BROKEN = [
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, lables: {a: b}}\nspec:\n  replicas: "3"\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      restartPolicy: Sometimes\n      containers: [{image: b, imagePullPolcy: x, ports: [{containerPort: 99999999999}], resources: {limits: {cpu: 1 core}}}]\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: not base64!}\n',
  'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, creationTimestamp: yesterday}\nspec:\n  schedule: 5\n  jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i, args: date}]}}}}\n',
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules: [{http: {paths: [{path: /, pathType: Sometimes, backend: {service: {name: s, port: {number: "80"}}}}]}}]\n',
  'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, protocol: tcp}], type: Balancer, frobnicate: true}\n',
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {maxReplicas: ten, metrics: [{type: Resource}]}\n',
];

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFilesUnder(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

function sampleResources(): Resource[] {
  const texts = [...BROKEN];
  for (const file of [...yamlFilesUnder(join(ROOT, 'examples')), ...yamlFilesUnder(join(ROOT, 'test', 'rules', 'fixtures'))])
    texts.push(readFileSync(file, 'utf8'));
  return texts.flatMap((text, i) => resourcesOf(parseFile(`file:///sample-${i}.yaml`, text)));
}

function problemsOf(api: VersionSchemas, resource: Resource): string[] {
  const validate = api.validator(resource.apiVersion, resource.kind);
  if (!validate || validate(resource.object)) return [];
  return translateErrors(validate.errors ?? [], { object: resource.object, definitionNameOf: (node) => api.definitionNameOf(node), patch: false }).map(
    (p) => `${JSON.stringify(p.path)} ${p.message}`,
  );
}

/** Validators compiled by ajv at run time carry their schema environment; generated ones do not. */
const isRuntimeCompiled = (validate: unknown): boolean => typeof (validate as { schemaEnv?: unknown }).schemaEnv === 'object';

describe('precompiled validators (validators.js)', () => {
  let runtimeDir: string;
  let precompiledDir: string;

  before(() => {
    const base = mkdtempSync(join(tmpdir(), 'shipshape-validators-'));
    runtimeDir = join(base, 'runtime');
    precompiledDir = join(base, 'precompiled');
    const copy = (to: string): void => cpSync(SOURCE, to, { recursive: true, filter: (src) => !/validators\./.test(src) });
    copy(runtimeDir);
    copy(precompiledDir);
    const stamp = readFileSync(join(precompiledDir, 'stamp.json'), 'utf8');
    writeFileSync(join(precompiledDir, VALIDATORS_FILE), generateValidators(precompiledDir, stamp, 'test').code);
  });

  after(() => rmSync(join(runtimeDir, '..'), { recursive: true, force: true }));

  it('report exactly what validators compiled at run time report, with the same type names', () => {
    const runtime = new VersionSchemas('1.36', runtimeDir);
    const precompiled = new VersionSchemas('1.36', precompiledDir);
    const resources = sampleResources();
    assert.ok(resources.length > 20, `enough samples (${resources.length})`);
    let problems = 0;
    for (const resource of resources) {
      const fromPrecompiled = precompiled.validator(resource.apiVersion, resource.kind);
      if (fromPrecompiled) assert.equal(isRuntimeCompiled(fromPrecompiled), false, `${resource.kind} uses the generated validator`);
      const expected = problemsOf(runtime, resource);
      assert.deepEqual(problemsOf(precompiled, resource), expected, `${resource.apiVersion} ${resource.kind} ${resource.name}`);
      problems += expected.length;
    }
    assert.ok(problems >= 15, `the samples exercise the error paths (${problems} problems)`);
    const deployment = problemsOf(precompiled, resourcesOf(parseFile('file:///d.yaml', BROKEN[0]))[0]);
    assert.ok(
      deployment.includes(
        `["spec","template","spec","containers",0,"imagePullPolcy"] Unknown field 'imagePullPolcy' in Container; did you mean 'imagePullPolicy'?`,
      ),
      deployment.join('\n'),
    );
    assert.ok(deployment.includes(`["spec","template","spec","containers",0] Missing required field 'name' in Container`), deployment.join('\n'));
  });

  it('are ignored when the version folder was regenerated since (stamp mismatch)', () => {
    const dir = join(precompiledDir, '..', 'stale');
    cpSync(precompiledDir, dir, { recursive: true });
    writeFileSync(join(dir, 'stamp.json'), '{"sourceSha256":"other","generatorSha256":"other"}');
    assert.equal(loadValidatorsScript(dir), undefined);
    const validate = new VersionSchemas('1.36', dir).validator('v1', 'ConfigMap');
    assert.ok(validate && isRuntimeCompiled(validate), 'falls back to compiling at run time');
  });

  it('survive a corrupt code cache: V8 rejects it and the code is parsed as usual', () => {
    const text = readFileSync(join(precompiledDir, VALIDATORS_FILE), 'utf8');
    const header = text.slice(0, text.indexOf('\n'));
    assert.ok(header.startsWith(HEADER_PREFIX));
    writeFileSync(join(precompiledDir, codeCacheFile(header)), Buffer.from('not a V8 code cache'));
    // A fresh process: V8 would otherwise reuse the code it compiled for the other tests.
    const probe = `
      const { loadValidatorsScript } = require(${JSON.stringify(require.resolve('../../server/src/core/schema/precompiledValidators'))});
      const loaded = loadValidatorsScript(${JSON.stringify(precompiledDir)});
      const validate = loaded.validators.get('v1 ConfigMap');
      const doc = (value) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: value } });
      process.stdout.write(JSON.stringify([loaded.usedCodeCache, validate(doc(1)), validate(doc('1'))]));`;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as boolean[];
    assert.deepEqual(result, [false, false, true]);
  });

  it('a garbled validators.js falls back to run-time compilation', () => {
    const dir = join(precompiledDir, '..', 'garbled');
    cpSync(precompiledDir, dir, { recursive: true });
    const text = readFileSync(join(dir, VALIDATORS_FILE), 'utf8');
    writeFileSync(join(dir, VALIDATORS_FILE), text.slice(0, text.length / 2));
    const validate = new VersionSchemas('1.36', dir).validator('v1', 'ConfigMap');
    assert.ok(validate && isRuntimeCompiled(validate));
  });
});
