/**
 * Throughput of the schema layer (checkKind + validate) on ~5,000 mixed resources.
 *
 *   node scripts/run-ts.mjs scripts/bench/schemaThroughput.ts [count] [kubernetesVersion]
 *
 * The mix is a set of common kinds (about one in ten documents has a schema error) plus, when
 * ../shared/corpus/real-world is present, every resource of that corpus.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resourcesOf, type Resource } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { createSchemaChecks } from '../../server/src/core/schema/kubernetesSchemas';
import { findSchemaDir } from '../../server/src/core/schema/schemaDir';
import { NO_CUSTOM_KINDS } from '../../server/src/core/schema/schemaChecks';

const SAMPLES = [
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports: [{containerPort: 80, name: http}]\n        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}\n        readinessProbe: {httpGet: {path: /, port: http}}\n        env: [{name: MODE, value: prod}]\n',
  'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1", b: two}\n',
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - host: example.com\n    http:\n      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]\n',
  'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox, args: [date]}]\n',
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]\n',
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres:16, volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects: [{kind: ServiceAccount, name: app}]\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: broken, lables: {a: b}}\nspec:\n  containers: [{name: a, image: b, ports: [{containerPort: "80"}], resources: {limits: {cpu: 1 core}}}]\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\ndata: {password: c2VjcmV0}\n',
];

function corpusResources(): Resource[] {
  const dir = join(findSchemaDir(__dirname), '..', '..', 'shared', 'corpus', 'real-world');
  if (!existsSync(dir)) return [];
  const out: Resource[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(...resourcesOf(parseFile(`file://${path}`, readFileSync(path, 'utf8'))));
    }
  };
  walk(dir);
  return out;
}

function main(): void {
  const count = Number(process.argv[2] ?? 5000);
  const version = process.argv[3] ?? '1.36';
  const base = [...SAMPLES.flatMap((s) => resourcesOf(parseFile('file:///sample.yaml', s))), ...corpusResources()];
  const resources: Resource[] = [];
  for (let i = 0; resources.length < count; i++) resources.push(base[i % base.length]);

  const schemas = createSchemaChecks();
  const run = (): { problems: number; ms: number } => {
    const start = performance.now();
    let problems = 0;
    for (const resource of resources) {
      const kind = schemas.checkKind(resource, version, NO_CUSTOM_KINDS);
      problems += kind.problems.length;
      if (kind.served) problems += schemas.validate(resource, version, { ignoreRequired: false }).length;
    }
    return { problems, ms: performance.now() - start };
  };
  const cold = run();
  const warm = [run(), run(), run()].sort((a, b) => a.ms - b.ms)[1];
  const rate = (ms: number, n = resources.length): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} resources/s`;
  console.log(`schema layer, Kubernetes ${version}, ${resources.length} resources (${base.length} distinct, ${cold.problems} problems)`);
  console.log(`  first pass (loads schemas, compiles validators): ${cold.ms.toFixed(0)} ms, ${rate(cold.ms)}`);
  console.log(`  warm pass (median of 3):                        ${warm.ms.toFixed(0)} ms, ${rate(warm.ms)}`);

  const texts = SAMPLES.join('---\n');
  const parseOnlyStart = performance.now();
  for (let n = 0; n < count; ) n += resourcesOf(parseFile('file:///mix.yaml', texts)).length;
  const parseOnlyMs = performance.now() - parseOnlyStart;
  console.log(`  YAML parsing alone (parseFile + resourcesOf):   ${parseOnlyMs.toFixed(0)} ms, ${rate(parseOnlyMs, count)}`);
  const parseStart = performance.now();
  let parsed = 0;
  while (parsed < count) {
    for (const resource of resourcesOf(parseFile('file:///mix.yaml', texts))) {
      const kind = schemas.checkKind(resource, version, NO_CUSTOM_KINDS);
      if (kind.served) schemas.validate(resource, version, { ignoreRequired: false });
      parsed++;
    }
  }
  const parseMs = performance.now() - parseStart;
  console.log(`  parse + schema layer (YAML parsing included):   ${parseMs.toFixed(0)} ms for ${parsed}, ${rate(parseMs, parsed)}`);
}

/** Schema layer throughput on 5,000 mixed resources. */
export async function benchSchema(): Promise<void> {
  main();
}
