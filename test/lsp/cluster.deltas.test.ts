import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeltaBatcher } from '../../server/src/lsp/cluster/deltaBatcher';
import type { SimEvent } from '../../server/src/sim/events';
import type { ChangeBatch } from '../../server/src/sim/simulation';
import type { KObject } from '../../server/src/sim/types';
import type { ClockState, ClusterDelta } from '../../server/src/lsp/protocol';

/** Timers under the test's control: `advance(ms)` runs what is due. */
class FakeTimers {
  private time = 0;
  private pending: { at: number; callback: () => void }[] = [];
  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { at: this.time + ms, callback };
    this.pending.push(timer);
    return timer;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((t) => t !== handle);
  };
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
    for (const t of this.pending.filter((p) => p.at <= this.time)) {
      this.pending = this.pending.filter((p) => p !== t);
      t.callback();
    }
  }
}

const pod = (name: string, uid: string, phase: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid, resourceVersion: '1', creationTimestamp: '' },
  status: { phase },
});
const event = (reason: string): SimEvent => ({
  time: 0,
  type: 'Normal',
  reason,
  message: reason,
  source: 'test',
  count: 1,
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'u1' },
});
const CLOCK: ClockState = { time: 5, epoch: 0, paused: false, speed: 1 };

function batcher(): { timers: FakeTimers; sent: ClusterDelta[]; b: DeltaBatcher } {
  const timers = new FakeTimers();
  const sent: ClusterDelta[] = [];
  return {
    timers,
    sent,
    b: new DeltaBatcher(
      (d) => sent.push(d),
      () => CLOCK,
      timers,
      100,
    ),
  };
}

describe('delta batching', () => {
  it('sends the latest state of an object changed many times in an interval, once', () => {
    const { timers, sent, b } = batcher();
    for (const phase of ['Pending', 'Running', 'Succeeded'])
      b.add({ time: 0, objects: [{ type: 'MODIFIED', object: pod('a', 'u1', phase) }], events: [event(phase)] } satisfies ChangeBatch);
    timers.advance(0);
    assert.equal(sent.length, 1);
    assert.deepEqual(
      sent[0].upserts.map((o) => (o.status as { phase: string }).phase),
      ['Succeeded'],
    );
    assert.deepEqual(
      sent[0].events.map((e) => e.reason),
      ['Pending', 'Running', 'Succeeded'],
    );
    assert.deepEqual(sent[0].clock, CLOCK);
  });

  it('sends at most one delta per interval', () => {
    const { timers, sent, b } = batcher();
    b.add({ time: 0, objects: [{ type: 'ADDED', object: pod('a', 'u1', 'Pending') }], events: [] });
    timers.advance(0);
    b.add({ time: 1, objects: [{ type: 'ADDED', object: pod('b', 'u2', 'Pending') }], events: [] });
    timers.advance(50);
    assert.equal(sent.length, 1, 'a second delta within the interval');
    timers.advance(50);
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent[1].upserts.map((o) => o.metadata.name),
      ['b'],
    );
  });

  it('turns a create followed by a delete into a delete only', () => {
    const { timers, sent, b } = batcher();
    b.add({
      time: 0,
      objects: [
        { type: 'ADDED', object: pod('a', 'u1', 'Pending') },
        { type: 'DELETED', object: pod('a', 'u1', 'Pending') },
      ],
      events: [],
    });
    timers.advance(0);
    assert.deepEqual(sent[0].upserts, []);
    assert.deepEqual(sent[0].deletes, [{ kind: 'Pod', namespace: 'default', name: 'a', uid: 'u1' }]);
  });

  it('marks a replacement of the whole cluster as a reset carrying every object', () => {
    const { timers, sent, b } = batcher();
    b.add({ time: 0, objects: [{ type: 'ADDED', object: pod('old', 'u0', 'Running') }], events: [event('Old')] });
    b.replaceAll([pod('a', 'u1', 'Running'), pod('b', 'u2', 'Running')], []);
    timers.advance(0);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].reset, true);
    assert.deepEqual(
      sent[0].upserts.map((o) => o.metadata.name),
      ['a', 'b'],
    );
    assert.deepEqual(sent[0].events, []);
  });

  it('sends clock-only deltas when only the clock changed', () => {
    const { timers, sent, b } = batcher();
    b.clockChanged();
    timers.advance(0);
    assert.deepEqual(sent, [{ upserts: [], deletes: [], events: [], clock: CLOCK }]);
  });
});
