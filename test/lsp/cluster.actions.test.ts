import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../server/src/lsp/protocol';
import { formatElapsed } from '../../server/src/sim/util/time';
import { ClusterClient, SHOP, applyShop, example, withShopCluster } from './clusterHelpers';

const image = (o: KubeObject | undefined): string => (o?.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
const podNames = async (c: ClusterClient): Promise<string[]> =>
  (await c.list('Pod', 'shop'))
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

describe('cluster actions', () => {
  let c!: ClusterClient;
  withShopCluster((client) => (c = client));

  it('deletePod: the ReplicaSet replaces the pod', async () => {
    const [victim, ...rest] = await podNames(c);
    assert.deepEqual(await c.action({ type: 'deletePod', namespace: 'shop', name: victim }), { ok: true, message: `pod "${victim}" deleted` });
    await c.step(30_000);
    const now = await podNames(c);
    assert.equal(now.length, 3);
    assert.ok(!now.includes(victim), `${victim} is still there`);
    assert.deepEqual(
      now.filter((n) => rest.includes(n)),
      rest,
    );
  });

  it('scale: kubectl message and the new replica count', async () => {
    assert.deepEqual(await c.action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 2 }), {
      ok: true,
      message: 'deployment.apps/api scaled',
    });
    await c.step(30_000);
    assert.equal((await podNames(c)).length, 2);
  });

  it('rolloutUndo: back to the previous template after an edited re-apply', async () => {
    await c.change(SHOP.api, example('shop/api.yaml').replace('example/api:1.0.0', 'example/api:2.0.0'), 2);
    await c.apply(SHOP.api, 0);
    await c.step(60_000);
    assert.equal(image(await c.find('Deployment', 'api', 'shop')), 'example/api:2.0.0');
    assert.deepEqual(await c.action({ type: 'rolloutUndo', namespace: 'shop', name: 'api' }), { ok: true, message: 'deployment.apps/api rolled back' });
    await c.step(60_000);
    assert.equal(image(await c.find('Deployment', 'api', 'shop')), 'example/api:1.0.0');
    const images = (await c.list('Pod', 'shop'))
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    assert.deepEqual([...new Set(images)], ['example/api:1.0.0']);
  });

  it('rolloutRestart: new pods from a new ReplicaSet', async () => {
    const before = await podNames(c);
    assert.deepEqual(await c.action({ type: 'rolloutRestart', kind: 'Deployment', namespace: 'shop', name: 'api' }), {
      ok: true,
      message: 'deployment.apps/api restarted',
    });
    await c.step(60_000);
    const after = await podNames(c);
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.filter((n) => before.includes(n)),
      [],
    );
  });

  it('cordon, uncordon and drain a node', async () => {
    assert.deepEqual(await c.action({ type: 'cordon', node: 'node-1' }), { ok: true, message: 'node/node-1 cordoned' });
    assert.equal(((await c.find('Node', 'node-1'))?.spec as { unschedulable?: boolean }).unschedulable, true);
    assert.deepEqual(await c.action({ type: 'uncordon', node: 'node-1' }), { ok: true, message: 'node/node-1 uncordoned' });
    const drained = await c.action({ type: 'drain', node: 'node-2' });
    assert.equal(drained.ok, true);
    assert.match(drained.message, /^node\/node-2 cordoned\n(evicting pod shop\/api-\S+\n)*node\/node-2 drained$/);
    await c.step(60_000);
    const onNode2 = (await c.list('Pod', 'shop')).filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-2');
    assert.deepEqual(onNode2, []);
    await c.action({ type: 'uncordon', node: 'node-2' });
  });

  it('addNode: a node joins with its kubelet running and takes DaemonSet pods', async () => {
    const joined = await c.action({ type: 'addNode' });
    assert.equal(joined.ok, true);
    assert.match(joined.message, /^node\/node-\d+ joined$/);
    const name = joined.message.slice(5, -7);
    await c.step(30_000);
    const node = await c.find('Node', name);
    assert.equal((node?.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'Ready')?.status, 'True');
    assert.deepEqual(await c.action({ type: 'addNode', node: name }), { ok: false, message: `nodes "${name}" already exists` });
  });

  it('failNode and recoverNode', async () => {
    assert.deepEqual(await c.action({ type: 'failNode', node: 'node-3' }), { ok: true, message: 'node/node-3 down' });
    await c.step(60_000);
    const ready = ((await c.find('Node', 'node-3'))?.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'Ready');
    assert.equal(ready?.status, 'Unknown');
    assert.deepEqual(await c.action({ type: 'recoverNode', node: 'node-3' }), { ok: true, message: 'node/node-3 up' });
  });

  it('fault crash on a workload: its pods go into CrashLoopBackOff', async () => {
    const response = await c.action({ type: 'fault', fault: 'crash', namespace: 'shop', name: 'api' });
    assert.deepEqual(response, { ok: true, message: 'fault crash added to the pods of deployment/api' });
    // The engine applies a crash fault to container instances started after it: restart the pods.
    await c.action({ type: 'rolloutRestart', kind: 'Deployment', namespace: 'shop', name: 'api' });
    await c.step(60_000);
    assert.match((await c.lensTitles(SHOP.api))[0][3], /^✖ CrashLoopBackOff · \d\/3 ready/);
  });

  it('fails with kubectl messages, without throwing, on objects that do not exist', async () => {
    assert.deepEqual(await c.action({ type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'nope', replicas: 1 }), {
      ok: false,
      message: 'deployments "nope" not found',
    });
    assert.deepEqual(await c.action({ type: 'deletePod', namespace: 'shop', name: 'nope' }), {
      ok: false,
      message: 'Error from server (NotFound): pods "nope" not found',
    });
    assert.deepEqual(await c.action({ type: 'cordon', node: 'node-9' }), { ok: false, message: 'nodes "node-9" not found' });
    assert.deepEqual(await c.action({ type: 'fault', fault: 'crash', namespace: 'shop', name: 'nope' }), {
      ok: false,
      message: 'no pod or workload named "nope" in namespace "shop"',
    });
  });

  it('pause, resume, setSpeed and step drive the clock', async () => {
    const t0 = (await c.snapshot()).clock.time;
    assert.deepEqual(await c.action({ type: 'step', ms: 1500 }), { ok: true, message: `Paused at ${formatElapsed(t0 + 1500)} (+1s)` });
    assert.deepEqual(await c.action({ type: 'setSpeed', speed: 20 }), { ok: true, message: 'speed: 20×' });
    assert.equal((await c.snapshot()).clock.speed, 20);
    await c.action({ type: 'resume' });
    assert.equal((await c.snapshot()).clock.paused, false);
    await c.action({ type: 'pause' });
    assert.equal((await c.snapshot()).clock.paused, true);
    await c.action({ type: 'setSpeed', speed: 1 });
  });

  it('"Step: next" goes to the next instant at which an object or an event changes', { timeout: 20_000 }, async () => {
    // A settled cluster: periodic timers fire every few seconds without changing anything a user
    // sees; the step skips those instants and stops where an object or an event changes.
    await c.step(120_000);
    const quiet = (await c.snapshot()).clock.time;
    const deltasAtQuiet = c.deltas.length;
    const idle = await c.action({ type: 'step', ms: 0 });
    const afterIdle = (await c.snapshot()).clock.time;
    assert.ok(afterIdle - quiet > 10_000, `the step stopped at a quiet instant (${quiet} → ${afterIdle})`);
    if (idle.message.endsWith('nothing changes within an hour')) assert.equal(afterIdle - quiet, 60 * 60_000);
    else {
      assert.match(idle.message, new RegExp(`^Paused at ${formatElapsed(afterIdle)}: the next change, \\d+m\\d*s? later$`));
      await c.until(() => c.deltas.slice(deltasAtQuiet).some((d) => d.clock.time === afterIdle && d.upserts.length + d.deletes.length + d.events.length > 0));
    }
    // A pod is deleted: its replacement's next change (scheduled, pulled, started…) is where the step stops.
    const [victim] = await podNames(c);
    await c.action({ type: 'deletePod', namespace: 'shop', name: victim });
    const before = (await c.snapshot()).clock.time;
    const deltasBefore = c.deltas.length;
    const next = await c.action({ type: 'step', ms: 0 });
    const after = (await c.snapshot()).clock;
    assert.ok(after.time > before, `the clock did not move (${before} → ${after.time})`);
    assert.match(next.message, new RegExp(`^Paused at ${formatElapsed(after.time)}: the next change, \\d+s later$`));
    // The change at that instant reaches the client (a delta carrying objects or events).
    await c.until(() => c.deltas.slice(deltasBefore).some((d) => d.clock.time === after.time && d.upserts.length + d.deletes.length + d.events.length > 0));
  });
});

describe('canI and describe', () => {
  let c: ClusterClient;
  const rbac = 'file:///ws/rbac/pod-reader.yaml';
  before(async () => {
    c = new ClusterClient();
    await c.start();
    await c.open(rbac, example('rbac/pod-reader.yaml'));
    assert.equal((await c.apply(rbac)).ok, true);
    await applyShop(c);
  });
  after(() => c.dispose());

  it('allows what a RoleBinding grants and names the deciding binding and rule', async () => {
    const response = await c.canI({
      subject: { kind: 'ServiceAccount', name: 'monitor', namespace: 'default' },
      verb: 'list',
      resource: 'deployments',
      group: 'apps',
      namespace: 'default',
    });
    assert.deepEqual(response, {
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "monitor-reads-pods/default" of Role "pod-reader" to ServiceAccount "monitor", rule 2: verbs [get, list], apiGroups [apps], resources [deployments]',
    });
  });

  it('checks subresources', async () => {
    const response = await c.canI({
      subject: { kind: 'ServiceAccount', name: 'monitor', namespace: 'default' },
      verb: 'get',
      resource: 'pods',
      subresource: 'log',
      group: '',
      namespace: 'default',
    });
    assert.equal(response.allowed, true);
    assert.match(response.reason, /rule 1: verbs \[get, list, watch\], apiGroups \[""\], resources \[pods, pods\/log\]$/);
  });

  it("denies what nothing grants, with the API server's 403 text", async () => {
    assert.deepEqual(
      await c.canI({ subject: { kind: 'ServiceAccount', name: 'monitor', namespace: 'default' }, verb: 'delete', resource: 'pods', namespace: 'default' }),
      {
        allowed: false,
        reason: 'User "system:serviceaccount:default:monitor" cannot delete resource "pods" in API group "" in the namespace "default"',
      },
    );
    assert.deepEqual(await c.canI({ subject: { kind: 'Group', name: 'developers' }, verb: 'get', resource: 'pods', namespace: 'shop' }), {
      allowed: false,
      reason: 'Group "developers" cannot get resource "pods" in API group "" in the namespace "shop"',
    });
  });

  it('describes a Deployment like kubectl describe', async () => {
    const { object, text } = await c.describe({ kind: 'Deployment', namespace: 'shop', name: 'api' });
    assert.equal(object?.metadata.name, 'api');
    assert.match(text, /^Name:\s+api$/m);
    assert.match(text, /^Namespace:\s+shop$/m);
    assert.match(text, /^CreationTimestamp:\s+Wed, 01 Jan 2025 00:00:\d\d \+0000$/m);
    assert.match(text, /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    assert.match(text, /^RollingUpdateStrategy:\s+0 max unavailable, 1 max surge$/m);
    assert.match(text, /^NewReplicaSet:\s+api-[a-z0-9]+ \(3\/3 replicas created\)$/m);
    assert.match(text, /^ {2}Available\s+True\s+MinimumReplicasAvailable$/m);
    assert.match(text, /^ {2}Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set api-[a-z0-9]+ from 0 to 3$/m);
    assert.doesNotMatch(text, /last-applied-configuration/);
  });

  it('describes a Pod with its containers, conditions and events', async () => {
    const [pod] = await c.list('Pod', 'shop');
    const { text } = await c.describe({ kind: 'Pod', namespace: 'shop', name: pod.metadata.name });
    assert.match(text, /^Node:\s+node-\d\/\S+$/m);
    assert.match(text, /^Status:\s+Running$/m);
    assert.match(text, /^Controlled By:\s+ReplicaSet\/api-[a-z0-9]+$/m);
    assert.match(text, /^ {2}Normal\s+Scheduled\s+/m);
  });

  it('describes a Pod the way kubectl describe pod lays it out', async () => {
    const [pod] = await c.list('Pod', 'shop');
    const { text } = await c.describe({ kind: 'Pod', namespace: 'shop', name: pod.metadata.name });
    const lines = text.split('\n');
    // Top-level keys share one column (18), container keys another (4 + 16).
    for (const key of [
      'Name',
      'Namespace',
      'Priority',
      'Service Account',
      'Node',
      'Start Time',
      'Labels',
      'Status',
      'IP',
      'QoS Class',
      'Node-Selectors',
      'Tolerations',
    ]) {
      const line = lines.find((l) => l.startsWith(`${key}:`));
      assert.ok(line, `no ${key} line`);
      assert.equal(line.slice(0, 18).trimEnd(), `${key}:`, `${key} is not aligned: ${JSON.stringify(line)}`);
      assert.notEqual(line[18], ' ', `${key} is not aligned: ${JSON.stringify(line)}`);
    }
    assert.match(text, /^ {4}State:          Running\n {6}Started:      \w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000$/m);
    assert.match(text, /^ {4}Ready:          True$/m);
    assert.match(text, /^ {4}Restart Count:  0$/m);
    assert.match(text, /^ {4}Limits:\n {6}cpu:     500m\n {6}memory:  512Mi$/m);
    assert.match(text, /^ {4}Liveness:       http-get http:\/\/:http\/healthz delay=10s timeout=1s period=10s #success=1 #failure=3$/m);
    assert.match(text, /^ {4}Readiness:      http-get http:\/\/:http\/ready delay=0s timeout=1s period=5s #success=1 #failure=3$/m);
    assert.match(text, /^ {4}Environment Variables from:\n {6}app-config  ConfigMap  Optional: false$/m);
    assert.match(text, /^ {4}Environment:\n {6}DB_PASSWORD:  <set to the key 'DB_PASSWORD' in secret 'app-secrets'>  Optional: false$/m);
    assert.match(text, /^ {4}Mounts:         <none>$/m);
    assert.match(text, /^Conditions:\n {2}Type {23}Status\n {2}PodReadyToStartContainers  True$/m);
    assert.match(text, /^Volumes:          <none>$/m);
    assert.match(text, /^QoS Class:        Burstable$/m);
    assert.match(text, /^Node-Selectors:   <none>$/m);
    assert.match(
      text,
      /^Tolerations:      node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n {18}node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s$/m,
    );
  });

  it('hides Secret values', async () => {
    const { text } = await c.describe({ kind: 'Secret', namespace: 'shop', name: 'app-secrets' });
    assert.match(text, /^DB_PASSWORD:\s+9 bytes$/m);
    assert.doesNotMatch(text, /change-me/);
  });

  it('answers NotFound for an object that does not exist', async () => {
    assert.deepEqual(await c.describe({ kind: 'Deployment', namespace: 'shop', name: 'nope' }), {
      text: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });
});
