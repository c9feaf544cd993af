import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kubectlMissing, serve, type Served } from './harness';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: nginx:1.27
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 80}]
`;

const skip = kubectlMissing();

describe('real kubectl against shipshape cluster serve', { skip }, () => {
  let s: Served;
  const ok = async (...args: string[]): Promise<string> => {
    const r = await s.kubectl(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const fails = async (...args: string[]): Promise<string> => {
    const r = await s.kubectl(args);
    assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} should fail: ${r.stdout}`);
    return r.stderr;
  };

  before(async () => {
    s = await serve();
  });
  after(async () => {
    assert.equal(await s.stop(), 0, 'serve exits 0 on SIGTERM');
  });

  it('discovery: version, short names and the all category', async () => {
    assert.match(await ok('version'), /Server Version: v1\.32\.0/);
    assert.match(await ok('get', 'no'), /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nnode-1\s+Ready/);
    assert.match(await ok('get', 'all'), /service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1/);
  });

  it('create deployment → rollout status → get/describe → expose → scale → set image → history/undo', async () => {
    assert.equal(await ok('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'), 'deployment.apps/web created\n');
    assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=60s'), /deployment "web" successfully rolled out/);
    const pods = await ok('get', 'pods', '-o', 'wide');
    assert.match(pods, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
    assert.equal(pods.split('\n').filter((l) => /^web-\S+\s+1\/1\s+Running\s+0\s/.test(l)).length, 3);
    assert.match(await ok('get', 'deploy', 'web'), /web\s+3\/3\s+3\s+3\s/);
    const describe = await ok('describe', 'deployment', 'web');
    assert.match(describe, /Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable/);
    assert.match(describe, /ScalingReplicaSet\s+.*Scaled up replica set web-\S+ from 0 to 3/);
    assert.equal(await ok('expose', 'deployment', 'web', '--port=80', '--target-port=8080'), 'service/web exposed\n');
    assert.match(await ok('get', 'svc', 'web', '-o', 'wide'), /web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+\s+app=web/);
    assert.equal(await ok('scale', 'deployment', 'web', '--replicas=5'), 'deployment.apps/web scaled\n');
    assert.equal(await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.28'), 'deployment.apps/web image updated\n');
    assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=60s'), /successfully rolled out/);
    assert.match(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.status.readyReplicas}'), /^nginx:1\.28 5$/);
    assert.match(await ok('rollout', 'history', 'deployment/web'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    assert.equal(await ok('rollout', 'undo', 'deployment/web'), 'deployment.apps/web rolled back\n');
    assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=60s'), /successfully rolled out/);
    assert.equal(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.27');
  });

  it('delete a pod and watch the ReplicaSet heal', async () => {
    const name = (await ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    assert.equal(await ok('delete', 'pod', name), `pod "${name}" deleted\n`);
    await ok('wait', '--for=condition=Available', 'deployment/web', '--timeout=60s');
    const names = (await ok('get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'name')).trim().split('\n');
    assert.ok(!names.includes(`pod/${name}`));
    assert.match(await ok('get', 'events', '--field-selector', `involvedObject.name=${name}`), /Killing/);
  });

  it('apply, diff, apply --server-side, delete -f', async () => {
    const file = s.write('app.yaml', APP);
    assert.equal(await ok('apply', '-f', file), 'deployment.apps/api created\nservice/api created\n');
    assert.equal(await ok('apply', '-f', file), 'deployment.apps/api unchanged\nservice/api unchanged\n');
    const changed = s.write('app2.yaml', APP.replace('replicas: 2', 'replicas: 4'));
    const diff = await s.kubectl(['diff', '-f', changed]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /-  replicas: 2\n\+  replicas: 4/);
    assert.equal(await ok('get', 'deploy', 'api', '-o', 'jsonpath={.spec.replicas}'), '2', 'diff changed nothing');
    assert.equal(await ok('apply', '-f', changed), 'deployment.apps/api configured\nservice/api unchanged\n');
    assert.equal(await ok('apply', '--server-side', '-f', changed), 'deployment.apps/api serverside-applied\nservice/api serverside-applied\n');
    const three = s.write('app3.yaml', APP.replace('replicas: 2', 'replicas: 3'));
    const conflict = await s.kubectl(['apply', '--server-side', '-f', three]);
    assert.notEqual(conflict.code, 0);
    assert.match(
      conflict.stderr,
      /Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas\nPlease review the fields above/,
    );
    assert.match(await ok('apply', '--server-side', '--force-conflicts', '-f', three), /deployment\.apps\/api serverside-applied/);
    assert.equal(await ok('get', 'deploy', 'api', '-o', 'jsonpath={.spec.replicas}'), '3');
    assert.match(await ok('get', 'deploy', 'api', '-o', 'jsonpath={.metadata.managedFields[*].manager}'), /kubectl-client-side-apply kubectl/);
    assert.equal(await ok('delete', '-f', file), 'deployment.apps "api" deleted\nservice "api" deleted\n');
    assert.match(await fails('get', 'deploy', 'api'), /Error from server \(NotFound\): deployments\.apps "api" not found/);
  });

  it('logs show the simulated container output', async () => {
    const log = await ok('logs', 'deployment/web');
    assert.match(log, /nginx: starting nginx:1\.27 \(simulated container/);
  });

  it('refusals carry the API server texts', async () => {
    const file = s.write('app.yaml', APP);
    await ok('apply', '-f', file);
    assert.match(
      await fails('create', '-f', file),
      /Error from server \(AlreadyExists\): error when creating ".*app\.yaml": deployments\.apps "api" already exists/,
    );
    const typo = s.write('typo.yaml', APP.replace('replicas: 2', 'replcas: 2').replace('name: api\n  labels', 'name: typo\n  labels'));
    assert.match(await fails('apply', '-f', typo), /strict decoding error: unknown field "spec\.replcas"/);
    const mismatch = s.write(
      'mismatch.yaml',
      APP.replace('matchLabels: {app: api}', 'matchLabels: {app: other}').replace('name: api\n  labels', 'name: api2\n  labels'),
    );
    assert.match(
      await fails('apply', '-f', mismatch),
      /The Deployment "api2" is invalid: spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"api"\}: `selector` does not match template `labels`/,
    );
    assert.match(await fails('get', 'deploy', 'api2'), /deployments\.apps "api2" not found/);
    assert.match(await fails('exec', 'deploy/web', '--', 'sh'), /the simulated cluster does not run containers/);
    assert.match(
      await fails('get', 'pods', '--as=jane'),
      /Error from server \(Forbidden\): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"/,
    );
    assert.equal(await ok('auth', 'can-i', 'create', 'pods'), 'yes\n');
    assert.equal((await s.kubectl(['auth', 'can-i', 'create', 'pods', '--as=jane'])).stdout, 'no\n');
  });
});
