/**
 * A fuzzer for the whole language pipeline: mutated real manifests, random Kubernetes-shaped objects
 * and random YAML-ish text go through parsing, single-file analysis, the workspace index
 * (cross-resource checks between the last few inputs), every editor feature at many positions, the
 * sliced (huge file) path and maskSecret. A failure is an exception escaping any of them, or one
 * operation using more CPU time than the limit.
 *
 * Used by test/fuzz/pipeline.test.ts (a few seconds in `npm test`) and scripts/fuzz.ts (long runs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { EditorFeatures } from '../../server/src/core/features/editorFeatures';
import { maskSecret } from '../../server/src/core/model/secrets';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import type { Position } from '../../server/src/core/types';

const ROOT = join(findSchemaDir(__dirname), '..');
const REAL_WORLD = join(ROOT, '..', 'shared', 'corpus', 'real-world');

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/i.test(name) && statSync(path).size < 200_000) out.push(path);
  }
  return out;
}

/** Seed manifests: the real-world corpus when it is present, else the repository's fixtures and examples. */
export function seedManifests(): { source: string; texts: string[] } {
  const real = yamlFiles(REAL_WORLD);
  const files =
    real.length > 0
      ? real
      : [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'rules', 'fixtures')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];
  return { source: real.length > 0 ? REAL_WORLD : 'examples/ and test fixtures', texts: files.map((f) => readFileSync(f, 'utf8')) };
}

// ---------------------------------------------------------------------------------------------
// Generators

const YAML_BITS = [
  ':',
  ': ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '!',
  '|',
  '>-',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '?',
  '<<: ',
  '---\n',
  '...\n',
  '\t',
  '  ',
  '\n',
  '\r\n',
  '~',
  'null',
  'yes',
  'on',
  '0x1F',
  '0777',
  '1e3',
  '.inf',
  '\\',
  '\u0000',
  '\ufffd',
  'é',
  '😀',
  '\u202e',
];
const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'labels',
  'annotations',
  'spec',
  'template',
  'selector',
  'matchLabels',
  'containers',
  'initContainers',
  'image',
  'ports',
  'containerPort',
  'port',
  'targetPort',
  'protocol',
  'env',
  'value',
  'valueFrom',
  'configMapKeyRef',
  'secretKeyRef',
  'key',
  'envFrom',
  'configMapRef',
  'resources',
  'limits',
  'requests',
  'cpu',
  'memory',
  'replicas',
  'rules',
  'http',
  'paths',
  'path',
  'pathType',
  'backend',
  'service',
  'number',
  'data',
  'stringData',
  'type',
  'volumes',
  'volumeMounts',
  'mountPath',
  'persistentVolumeClaim',
  'claimName',
  'serviceAccountName',
  'roleRef',
  'subjects',
  'verbs',
  'apiGroups',
  'scaleTargetRef',
  'minReplicas',
  'maxReplicas',
  'metrics',
  'schedule',
  'jobTemplate',
  'restartPolicy',
  'livenessProbe',
  'httpGet',
  'strategy',
  'app',
  'tier',
  'x',
];
const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'ServiceAccount'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'Namespace'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['example.com/v1', 'Widget'],
  ['extensions/v1beta1', 'Ingress'],
  ['v1', 'Deploymnet'],
  ['kustomize.config.k8s.io/v1beta1', 'Kustomization'],
  ['v1', 'List'],
];

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('web', 'app', 'default', 'nginx:1.27', '80', 'http', 'TCP', '100m', '1Gi', 'Always', 'Prefix', '*/5 * * * *', 'aGVsbG8=', ''),
  fc.integer({ min: -70000, max: 70000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ minLength: 200, maxLength: 2000 }),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('node'), { maxKeys: 6 }),
})).node;

/** Kubernetes-shaped objects: a real apiVersion/kind, then random fields from the API's vocabulary. */
const kubernetesObject = fc
  .tuple(fc.constantFrom(...KINDS), fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), fc.option(fc.string({ maxLength: 20 })))
  .map(([[apiVersion, kind], body, name]) => ({ apiVersion, kind, metadata: { name: name ?? 'x', namespace: 'default' }, ...body }));

const rawYaml = fc
  .array(fc.oneof(fc.constantFrom(...YAML_BITS), fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

type Mutation = (text: string, rnd: () => number) => string;

const at = (text: string, rnd: () => number): number => Math.floor(rnd() * (text.length + 1));
const lineBounds = (text: string, rnd: () => number): [number, number] => {
  const start = text.lastIndexOf('\n', at(text, rnd) - 1) + 1;
  const nl = text.indexOf('\n', start);
  return [start, nl < 0 ? text.length : nl];
};

const MUTATIONS: Mutation[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + Math.floor(r() * 40));
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + YAML_BITS[Math.floor(r() * YAML_BITS.length)] + t.slice(i);
  },
  (t, r) => {
    const [s, e] = lineBounds(t, r);
    return t.slice(0, e) + '\n' + t.slice(s, e) + t.slice(e);
  },
  (t, r) => {
    const [s] = lineBounds(t, r);
    return r() < 0.5 ? t.slice(0, s) + ' '.repeat(1 + Math.floor(r() * 4)) + t.slice(s) : t.slice(0, s) + t.slice(s).replace(/^ {1,4}/, '');
  },
  (t, r) => {
    const [s, e] = lineBounds(t, r);
    const colon = t.indexOf(': ', s);
    if (colon < 0 || colon > e) return t;
    const replacements = ['', '"', '[', '{a: 1', '-1', '99999999999', 'yes', '~', '!!binary x', '*nope', '&x', 'x'.repeat(5000), '1.5Gi', '0o17', 'null'];
    return t.slice(0, colon + 2) + replacements[Math.floor(r() * replacements.length)] + t.slice(e);
  },
  (t, r) => t.slice(0, at(t, r)),
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + '\n---\n' + t.slice(i);
  },
  (t, r) => {
    const a = lineBounds(t, r);
    const b = lineBounds(t, r);
    if (a[0] === b[0]) return t;
    const [first, second] = a[0] < b[0] ? [a, b] : [b, a];
    if (first[1] >= second[0]) return t;
    return t.slice(0, first[0]) + t.slice(second[0], second[1]) + t.slice(first[1], second[0]) + t.slice(first[0], first[1]) + t.slice(second[1]);
  },
  (t) => t.replace(/kind: \w+/, 'kind: Secret').replace(/apiVersion: \S+/, 'apiVersion: v1'),
  (t) => t.replace(/\n/g, '\r\n'),
];

/** A seed manifest with one to eight random mutations. */
function mutatedManifest(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: Math.max(0, seeds.length - 1) }), fc.array(fc.nat({ max: MUTATIONS.length - 1 }), { minLength: 1, maxLength: 8 }), fc.integer())
    .map(([index, ops, seed]) => {
      let state = seed >>> 0 || 1;
      const rnd = (): number => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 4294967296;
      };
      let text = seeds[index] ?? '';
      for (const op of ops) text = MUTATIONS[op](text, rnd);
      return text;
    });
}

export function inputs(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: mutatedManifest(seeds) },
    { weight: 3, arbitrary: fc.array(kubernetesObject, { minLength: 1, maxLength: 4 }).map((objects) => objects.map((o) => stringify(o)).join('---\n')) },
    { weight: 2, arbitrary: rawYaml },
  );
}

// ---------------------------------------------------------------------------------------------
// The pipeline

export interface OperationTime {
  operation: string;
  ms: number;
}

export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly input: string,
    readonly operation: string,
  ) {
    super(message);
  }
}

/** One language service shared by the inputs of a run: the last few inputs stay in the workspace. */
export class PipelineUnderTest {
  readonly service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
  readonly features = new EditorFeatures(this.service);
  private count = 0;
  slowest: OperationTime = { operation: '', ms: 0 };

  constructor(private readonly limitMs: number) {}

  /**
   * Runs one operation, measuring the CPU time it used: on a shared machine the wall time also counts
   * the time other processes had the CPU, and disk waits on first use of a schema file.
   */
  private time<T>(operation: string, input: string, run: () => T): T {
    const started = process.cpuUsage();
    let result: T;
    try {
      result = run();
    } catch (err) {
      throw new FuzzFailure(`${operation} threw: ${(err as Error).stack ?? String(err)}`, input, operation);
    }
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    if (ms > this.slowest.ms) this.slowest = { operation, ms };
    if (ms > this.limitMs) throw new FuzzFailure(`${operation} took ${ms.toFixed(0)} ms of CPU time (limit ${this.limitMs} ms)`, input, operation);
    return result;
  }

  /** Runs every stage on `text`; throws FuzzFailure. */
  run(text: string): void {
    const n = this.count++;
    const uri = `file:///fuzz/${['base', 'overlay', 'apps', 'config'][n % 4]}/file-${n % 7}.yaml`;
    this.time('update', text, () => this.service.update(uri, text, n));
    const diagnostics = this.time('diagnostics', text, () => this.service.diagnostics(uri));
    const state = this.service.get(uri);
    for (const r of state?.resources ?? []) this.time('maskSecret', text, () => maskSecret(r.object));
    const lines = text.split('\n');
    const positions: Position[] = [{ line: 0, character: 0 }];
    for (let i = 0; i < 6 && lines.length > 0; i++) {
      const line = (n * 7 + i * 13) % lines.length;
      const length = lines[line].length;
      positions.push({ line, character: length === 0 ? 0 : (n + i * 5) % (length + 1) }, { line, character: length });
    }
    positions.push({ line: lines.length + 3, character: 2 });
    for (const position of positions) {
      this.time('completion', text, () => this.features.completion(uri, position, { snippets: n % 2 === 0, resourceSnippets: true }));
      this.time('hover', text, () => this.features.hover(uri, position));
      this.time('definition', text, () => this.features.definition(uri, position));
      this.time('references', text, () => this.features.references(uri, position, n % 2 === 0));
    }
    for (const d of diagnostics.slice(0, 20)) this.time('codeActions', text, () => this.features.codeActions(uri, d.range, [d]));
    this.time('codeActions', text, () =>
      this.features.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diagnostics),
    );
    this.time('documentSymbols', text, () => this.features.documentSymbols(uri));
    this.time('workspaceSymbols', text, () => this.features.workspaceSymbols(text.slice(0, 3)));
    if (n % 10 === 9) this.time('remove', text, () => this.service.remove(uri));
  }

  /** The sliced path of huge files, on the same input: it must agree with the synchronous one. */
  async runSliced(text: string): Promise<void> {
    const uri = 'file:///fuzz/sliced.yaml';
    const n = this.count++;
    try {
      await this.service.updateSliced(uri, text, n, { budgetMs: 1 });
      const sliced = await this.service.diagnosticsSliced(uri, { budgetMs: 1 });
      const plain = this.service.diagnostics(uri);
      if (JSON.stringify(sliced) !== JSON.stringify(plain)) throw new Error('sliced and synchronous diagnostics differ');
    } catch (err) {
      throw new FuzzFailure(`sliced path: ${(err as Error).stack ?? String(err)}`, text, 'sliced');
    }
  }
}

export interface FuzzReport {
  runs: number;
  seed: number;
  source: string;
  slowest: OperationTime;
  failure?: FuzzFailure;
}

/** Runs inputs until `budgetMs` is spent (or `maxRuns` inputs ran); stops at the first failure. */
export async function fuzzPipeline(options: { budgetMs: number; seed: number; limitMs: number; maxRuns?: number }): Promise<FuzzReport> {
  const { source, texts } = seedManifests();
  const pipeline = new PipelineUnderTest(options.limitMs);
  const arbitrary = inputs(texts);
  const deadline = performance.now() + options.budgetMs;
  let runs = 0;
  try {
    for (let batch = 0; performance.now() < deadline && (options.maxRuns === undefined || runs < options.maxRuns); batch++) {
      // Deterministic batches: the same seed gives the same inputs in the same order.
      for (const text of fc.sample(arbitrary, { seed: options.seed + batch, numRuns: 20 })) {
        if (performance.now() >= deadline || (options.maxRuns !== undefined && runs >= options.maxRuns)) break;
        pipeline.run(text);
        if (runs % 25 === 24) await pipeline.runSliced(text);
        runs++;
      }
    }
  } catch (err) {
    if (!(err instanceof FuzzFailure)) throw err;
    return { runs, seed: options.seed, source, slowest: pipeline.slowest, failure: err };
  }
  return { runs, seed: options.seed, source, slowest: pipeline.slowest };
}
