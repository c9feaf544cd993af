import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostToWebview } from '../../client/src/panel/messages';
import { LOG_BURST, LOG_LINES_PER_SECOND, MAX_LOG_LINE } from '../../client/src/panel/logLimiter';
import { PanelController, type ClusterConnection, type ManifestRevealer } from '../../client/src/panel/panelController';
import { Methods, type ClusterDelta, type ClusterSnapshot, type ObjectRef } from '../../server/src/lsp/protocol';

const SNAPSHOT: ClusterSnapshot = { objects: [], events: [], clock: { time: 0, epoch: 0, paused: false, speed: 1 } };
const delta = (time: number): ClusterDelta => ({ upserts: [], deletes: [], events: [], clock: { time, epoch: 0, paused: false, speed: 1 } });

interface Call {
  method: string;
  params: unknown;
}

/** A connection whose answers the test controls; requests wait until `answer` is called unless `auto`. */
class FakeConnection implements ClusterConnection {
  readonly calls: Call[] = [];
  private readonly waiting: { method: string; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  constructor(private readonly auto: Record<string, (params: unknown) => unknown> = {}) {}

  request<Result>(method: string, params: unknown): Promise<Result> {
    this.calls.push({ method, params });
    const handler = this.auto[method];
    if (handler) {
      try {
        return Promise.resolve(handler(params) as Result);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise<Result>((resolve, reject) => this.waiting.push({ method, resolve: resolve as (v: unknown) => void, reject }));
  }

  answer(method: string, value: unknown): void {
    const index = this.waiting.findIndex((w) => w.method === method);
    assert.ok(index >= 0, `no pending ${method}`);
    const [pending] = this.waiting.splice(index, 1);
    pending.resolve(value);
  }
}

function setup(auto: Record<string, (params: unknown) => unknown> = {}, revealer?: ManifestRevealer) {
  const connection = new FakeConnection(auto);
  const posted: HostToWebview[] = [];
  const errors: string[] = [];
  const reveal: ManifestRevealer = revealer ?? { reveal: async (refs: ObjectRef[]) => ({ found: refs[0], location: 'app.yaml:3', message: 'found' }) };
  const controller = new PanelController(connection, (m) => posted.push(m), reveal, { info: () => undefined, error: (m) => errors.push(m) });
  return { connection, posted, errors, controller };
}

describe('panel controller (extension host)', () => {
  it('answers "ready" with a snapshot, then relays deltas that arrived while it was loading, in order', async () => {
    const { connection, posted, controller } = setup();
    const receiving = controller.receive({ type: 'ready' });
    controller.onDelta(delta(5));
    controller.onDelta(delta(6));
    assert.equal(posted.length, 0, 'nothing is posted before the snapshot');
    connection.answer(Methods.snapshot, SNAPSHOT);
    await receiving;
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot', 'delta', 'delta'],
    );
    assert.deepEqual(
      posted.slice(1).map((m) => (m.type === 'delta' ? m.delta.clock.time : -1)),
      [5, 6],
    );
    controller.onDelta(delta(7));
    assert.equal(posted.length, 4, 'after the snapshot, deltas go straight through');
  });

  it('drops deltas while the webview is not showing', async () => {
    const { posted, controller } = setup({ [Methods.snapshot]: () => SNAPSHOT });
    controller.onDelta(delta(1));
    assert.equal(posted.length, 0);
    await controller.receive({ type: 'ready' });
    controller.detach();
    controller.onDelta(delta(2));
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot'],
    );
  });

  it('rejects a malformed message with a logged error and sends nothing to the server', async () => {
    const { connection, posted, errors, controller } = setup();
    await controller.receive({ type: 'action', id: 1, action: { type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: -3 } });
    await controller.receive({ type: 'reset' });
    await controller.receive('delete everything');
    assert.equal(connection.calls.length, 0);
    assert.equal(posted.length, 0);
    assert.equal(errors.length, 3);
    assert.match(errors[0], /rejected a message from the webview: replicas must be an integer from 0 to 10000: -3/);
    assert.match(errors[1], /id must be an integer/);
  });

  it('turns an action into shipshape/cluster/action and answers with its result', async () => {
    const { connection, posted, controller } = setup({ [Methods.action]: () => ({ ok: true, message: 'deployment.apps/api scaled' }) });
    const action = { type: 'scale', kind: 'Deployment', namespace: 'shop', name: 'api', replicas: 5 };
    await controller.receive({ type: 'action', id: 7, action });
    assert.deepEqual(connection.calls, [{ method: Methods.action, params: action }]);
    assert.deepEqual(posted, [{ type: 'result', id: 7, ok: true, message: 'deployment.apps/api scaled' }]);
  });

  it('reports a server without cluster support instead of failing', async () => {
    const notFound = (): never => {
      throw Object.assign(new Error('Unhandled method shipshape/cluster/snapshot'), { code: -32601 });
    };
    const { posted, controller } = setup({ [Methods.snapshot]: notFound, [Methods.action]: notFound });
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'action', id: 1, action: { type: 'pause' } });
    assert.deepEqual(posted, [
      {
        type: 'unavailable',
        reason: 'The simulated cluster is not available: this version of the Shipshape language server does not support the simulated cluster.',
      },
      { type: 'result', id: 1, ok: false, message: 'this version of the Shipshape language server does not support the simulated cluster' },
    ]);
  });

  it('resets: posts the fresh snapshot, then the result', async () => {
    const fresh = { ...SNAPSHOT, clock: { ...SNAPSHOT.clock, time: 0 } };
    const { connection, posted, controller } = setup({ [Methods.snapshot]: () => SNAPSHOT, [Methods.reset]: () => fresh });
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'reset', id: 3 });
    assert.deepEqual(
      connection.calls.map((c) => c.method),
      [Methods.snapshot, Methods.reset],
    );
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot', 'snapshot', 'result'],
    );
    assert.deepEqual(posted[2], { type: 'result', id: 3, ok: true, message: 'The cluster was reset.' });
  });

  it('answers describe and can-i with the server response, and reveal with where the manifest is', async () => {
    const revealed: ObjectRef[][] = [];
    const { posted, controller } = setup(
      {
        [Methods.describe]: () => ({ text: 'Name: api\n' }),
        [Methods.canI]: () => ({ allowed: true, reason: 'RoleBinding default/monitor-reads-pods' }),
      },
      {
        reveal: async (refs) => {
          revealed.push(refs);
          return { found: refs[1], location: 'shop/api.yaml:4', message: 'Deployment shop/api is defined in shop/api.yaml:4.' };
        },
      },
    );
    const ref = { kind: 'Deployment', namespace: 'shop', name: 'api' };
    await controller.receive({ type: 'describe', id: 1, ref });
    await controller.receive({
      type: 'canI',
      id: 2,
      params: { subject: { kind: 'ServiceAccount', name: 'monitor', namespace: 'default' }, verb: 'list', resource: 'pods' },
    });
    const refs = [{ kind: 'Pod', namespace: 'shop', name: 'api-1' }, ref];
    await controller.receive({ type: 'reveal', id: 3, refs });
    assert.deepEqual(revealed, [refs]);
    assert.deepEqual(posted, [
      { type: 'describeResult', id: 1, ref, ok: true, response: { text: 'Name: api\n' } },
      { type: 'canIResult', id: 2, ok: true, response: { allowed: true, reason: 'RoleBinding default/monitor-reads-pods' } },
      { type: 'revealResult', id: 3, found: ref, location: 'shop/api.yaml:4', message: 'Deployment shop/api is defined in shop/api.yaml:4.' },
    ]);
  });

  it("bounds the webview's log lines: one line each, truncated, at most a burst of 20 then 2 per second, drops counted", async () => {
    let now = 0;
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(`info ${m}`), error: (m: string) => lines.push(`error ${m}`) };
    const controller = new PanelController(
      new FakeConnection(),
      () => undefined,
      { reveal: async () => ({ message: '' }) },
      log,
      () => now,
    );
    await controller.receive({ type: 'log', level: 'info', message: `first\n[error] forged line\r\n${'x'.repeat(3000)}` });
    assert.equal(lines.length, 1);
    assert.ok(!lines[0].includes('\n') && !lines[0].includes('\r'), 'a single line');
    assert.match(lines[0], /^info Cluster panel: first \[error\] forged line x+… \(2,0\d\d more characters\)$/);
    assert.equal(lines[0].length, 'info '.length + MAX_LOG_LINE + '… (2,0xx more characters)'.length);
    for (let i = 0; i < 100; i++) await controller.receive({ type: 'log', level: 'error', message: `flood ${i}` });
    assert.equal(lines.length, LOG_BURST, 'the burst is used up');
    // Malformed messages count against the same budget.
    await controller.receive({ type: 'nonsense' });
    now += 1000;
    await controller.receive({ type: 'log', level: 'error', message: 'after a second' });
    assert.deepEqual(lines.slice(LOG_BURST), [
      `error Cluster panel: 82 log lines were dropped (the panel may log ${LOG_BURST} lines at once and ${LOG_LINES_PER_SECOND} per second).`,
      'error Cluster panel: after a second',
    ]);
    await controller.receive({ type: 'log', level: 'error', message: 'the second token of that second' });
    await controller.receive({ type: 'log', level: 'error', message: 'over the rate' });
    assert.equal(lines.at(-1), 'error Cluster panel: the second token of that second');
  });
});
