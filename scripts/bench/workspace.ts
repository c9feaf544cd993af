/**
 * Benchmark of the workspace index: 1,000 manifest files (one resource each: Deployments, Services,
 * ConfigMaps, Ingresses, ServiceAccounts, Roles, RoleBindings), indexed from a temp folder; then the
 * cross-file change the editor sees most: one Deployment's labels edited → updateFile → dependents →
 * crossDiagnostics of each dependent. Prints the numbers; the goal for the change is < 50 ms.
 *
 * Run: node scripts/run-ts.mjs scripts/bench/workspace.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';

const FILES = 1000;

function deployment(i: number, ns: string, app = `app-${i}`): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
        tier: backend
    spec:
      serviceAccountName: sa-${i}
      containers:
        - name: main
          image: example/app-${i}:1.0.0
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef: {name: config-${i}}
          env:
            - name: LEVEL
              valueFrom:
                configMapKeyRef: {name: config-${i}, key: LOG_LEVEL}
`;
}

const service = (i: number, ns: string) => `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  selector:
    app: app-${i}
    tier: backend
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const configMap = (i: number, ns: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: ${ns}
data:
  LOG_LEVEL: info
  FEATURE_X: "true"
`;

const ingress = (i: number, ns: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  rules:
    - host: app-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i}
                port: {name: http}
`;

const serviceAccount = (i: number, ns: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: ${ns}\n`;

const role = (i: number, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader-${i}
  namespace: ${ns}
rules:
  - apiGroups: ["", "apps"]
    resources: [pods, pods/log, configmaps, deployments, deployments/scale]
    verbs: [get, list, watch]
`;

const roleBinding = (i: number, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-${i}
  namespace: ${ns}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader-${i}}
subjects:
  - kind: ServiceAccount
    name: sa-${i}
`;

/** 1,000 files: per app 1 Deployment, 1 Service, 1 ConfigMap, 1 ServiceAccount; every other app an Ingress, Role, RoleBinding. */
function generate(dir: string, namespaces: number): void {
  const makers: ((i: number, ns: string) => string)[] = [deployment, service, configMap, serviceAccount];
  const extras: ((i: number, ns: string) => string)[] = [ingress, role, roleBinding];
  let written = 0;
  let i = 0;
  for (; ; i++) {
    const kinds = i % 2 === 0 ? [...makers, ...extras] : makers;
    if (written + kinds.length > FILES) break;
    kinds.forEach((make, k) => writeFileSync(join(dir, `app-${i}-${k}.yaml`), make(i, `ns-${i % namespaces}`)));
    written += kinds.length;
  }
  // fill up with ConfigMaps nobody refers to
  for (; written < FILES; written++, i++) writeFileSync(join(dir, `extra-${i}.yaml`), configMap(i, `ns-${i % namespaces}`));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function run(namespaces: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-ws-bench-'));
  try {
    generate(dir, namespaces);
    const names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    const index = new WorkspaceIndex();
    let parseMs = 0;
    let indexMs = 0;
    for (const name of names) {
      const uri = pathToFileURL(join(dir, name)).href;
      let t = performance.now();
      const file = parseFile(uri, readFileSync(join(dir, name), 'utf8'));
      parseMs += performance.now() - t;
      t = performance.now();
      index.updateFile(uri, file);
      indexMs += performance.now() - t;
    }
    const crossStart = performance.now();
    let diagnostics = 0;
    for (const uri of index.fileUris()) {
      const found = index.crossDiagnostics(uri, DEFAULT_SETTINGS);
      diagnostics += found.length;
      if (process.env.SHOW_DIAGNOSTICS) for (const d of found) console.log(uri, d.message);
    }
    const allCrossMs = performance.now() - crossStart;
    console.log(`\n${names.length} files in ${namespaces} namespace(s): parse ${parseMs.toFixed(0)} ms, index ${indexMs.toFixed(0)} ms, crossDiagnostics of every file ${allCrossMs.toFixed(0)} ms (${diagnostics} diagnostics)`);

    // The change: app-6's Deployment labels, broken then fixed again, 40 times.
    const name = 'app-6-0.yaml';
    const uri = pathToFileURL(join(dir, name)).href;
    const totals: number[] = [];
    const updates: number[] = [];
    const parses: number[] = [];
    const dependentCounts: number[] = [];
    let shown = '';
    for (let round = 0; round < 40; round++) {
      const text = deployment(6, `ns-${6 % namespaces}`, round % 2 === 0 ? 'app-6-renamed' : 'app-6');
      const start = performance.now();
      const file = parseFile(uri, text, round + 1);
      const parsed = performance.now();
      const dependents = index.updateFile(uri, file);
      const updated = performance.now();
      const own = index.crossDiagnostics(uri, DEFAULT_SETTINGS);
      const results = [...dependents].map((d) => index.crossDiagnostics(d, DEFAULT_SETTINGS));
      const done = performance.now();
      parses.push(parsed - start);
      updates.push(updated - parsed);
      totals.push(done - start);
      dependentCounts.push(dependents.size);
      if (round === 0) shown = `${[...dependents].map((d) => d.slice(d.lastIndexOf('/') + 1)).join(', ')} → ${results.flat().map((d) => d.code).join(', ')} (+${own.length} on the edited file)`;
    }
    console.log(`edit one Deployment's labels (40 rounds): total median ${median(totals).toFixed(2)} ms, max ${Math.max(...totals).toFixed(2)} ms  [goal < 50 ms]`);
    console.log(`  of which parse median ${median(parses).toFixed(2)} ms, updateFile median ${median(updates).toFixed(2)} ms; dependents per edit: ${Math.min(...dependentCounts)}–${Math.max(...dependentCounts)}`);
    console.log(`  first round: ${shown}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Workspace index: 1,000 files, then a cross-file label edit (10 namespaces, then 1). */
export async function benchWorkspace(): Promise<void> {
  run(10);
  run(1);
}
