/**
 * The simulated cluster's Kubernetes API: Table list of 1,000 pods (goal ≤ 20 ms server time), the
 * delay from a simulator change to a watching client (goal ≤ 50 ms), and the engine's cost with 100
 * open watches (goal: no measurable slowdown of the cluster the panel shows).
 *   node scripts/run-ts.mjs scripts/bench/index.ts apiserver
 */
import { request } from 'node:https';
import { listObjects } from '../../server/src/apiserver/objects';
import { findResource } from '../../server/src/apiserver/registry';
import { KubeApiServer } from '../../server/src/apiserver/server';
import { toTable } from '../../server/src/apiserver/table';
import { Cluster } from '../../server/src/sim/cluster';
import { deployment } from './sim';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function get(server: KubeApiServer, path: string, accept: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request(`${server.url}${path}`, { ca: server.certificate, headers: { Authorization: `Bearer ${server.token}`, Accept: accept } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => done({ ms: performance.now() - started, bytes }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Opens a watch; `onEvent` gets each event line's arrival time. Returns a closer. */
function watch(server: KubeApiServer, path: string, onEvent: (at: number, line: string) => void): Promise<() => void> {
  return new Promise((done, fail) => {
    const req = request(`${server.url}${path}`, { ca: server.certificate, headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      let buffer = '';
      res.on('data', (d: Buffer) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          onEvent(performance.now(), buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
        }
      });
      res.on('error', () => undefined);
      done(() => req.destroy());
    });
    req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : fail(err)));
    req.end();
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchApiServer(): Promise<void> {
  const cluster = new Cluster({ seed: 1, nodes: 20 });
  cluster.apply([deployment('big', 1000)]);
  cluster.runUntil(() => (cluster.get('Deployment', 'default', 'big')?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 1000, 10 * 60_000);
  const server = new KubeApiServer({ cluster: () => cluster });
  await server.listen(0);
  try {
    await get(server, '/api/v1/pods', TABLE);
    const tables: number[] = [];
    let size = 0;
    for (let i = 0; i < 20; i++) {
      const r = await get(server, '/api/v1/pods', TABLE);
      tables.push(r.ms);
      size = r.bytes;
    }
    const inProcess: number[] = [];
    const pods = findResource('', 'v1', 'pods')!;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      JSON.stringify(toTable('Pod', listObjects(cluster, pods, { labelSelector: null, fieldSelector: null }), cluster.now, '1', 'Metadata'));
      inProcess.push(performance.now() - started);
    }
    console.log(
      `GET /api/v1/pods as Table, ${cluster.list('Pod').length} pods: server time (list + table + encode) median ${median(inProcess).toFixed(1)} ms (goal ≤ 20 ms); HTTPS round trip median ${median(tables).toFixed(1)} ms, ${(size / 1024).toFixed(0)} KiB`,
    );

    // Latency: a change made by the simulator until a watching client reads it.
    const latencies: number[] = [];
    let changedAt = 0;
    const close = await watch(server, `/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${cluster.store.resourceVersion}`, (at) => {
      if (changedAt > 0) latencies.push(at - changedAt);
      changedAt = 0;
    });
    // The clock starts at the store write, not at the call: the controllers' work after it is engine time.
    let armed = false;
    const stopListening = cluster.onObjectChange((change) => {
      if (armed && change.object.kind === 'Deployment') {
        changedAt = performance.now();
        armed = false;
      }
    });
    for (let i = 0; i < 20; i++) {
      const seen = latencies.length;
      armed = true;
      cluster.scale('Deployment', 'default', 'big', 1001 - (i % 2));
      while (latencies.length === seen) await new Promise((r) => setImmediate(r));
    }
    stopListening();
    close();
    console.log(
      `watch latency (change → client): median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} changes (goal ≤ 50 ms)`,
    );

    // 100 watches like `kubectl rollout status` (one Deployment each): the engine's wall time for a rollout of 1,000 pods with and without them.
    const rollout = (image: string): number => {
      const started = performance.now();
      cluster.setImage('Deployment', 'default', 'big', 'big', image);
      cluster.runFor(5 * 60_000);
      return performance.now() - started;
    };
    const without = rollout('example/big:2.0');
    let events = 0;
    const closers = await Promise.all(
      Array.from({ length: 100 }, () =>
        watch(
          server,
          `/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${cluster.store.resourceVersion}&fieldSelector=metadata.name%3Dbig`,
          () => events++,
        ),
      ),
    );
    const withWatches = rollout('example/big:3.0');
    const deliveryStart = performance.now();
    let seen = -1;
    // Server and clients share this process: wait until events stop arriving (at most a minute).
    while ((events === 0 || seen !== events) && performance.now() - deliveryStart < 60_000) {
      seen = events;
      await new Promise((r) => setTimeout(r, 300));
    }
    const delivery = performance.now() - deliveryStart - 300;
    for (const c of closers) c();
    console.log(
      `rollout of 1,000 pods (engine wall time): ${without.toFixed(0)} ms without watches, ${withWatches.toFixed(0)} ms with 100 open watches (${events} events reached the 100 clients within ${delivery.toFixed(0)} ms after it)`,
    );
  } finally {
    await server.close();
  }
}
