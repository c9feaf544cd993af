import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../server/src/sim/cluster';
import { EVENT_TTL_MS } from '../../server/src/sim/events';

const HOUR = 3600_000;

function minutelyCronJob(): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'example/r:1', readinessProbe: { exec: { command: ['true'] } } }] } },
        },
      },
    },
  };
}

/** Everything that could accumulate while the object count stays flat. */
function footprint(c: Cluster): Record<string, number> {
  const state = c.exportState().core as { timers: { timers: unknown[] }; controllerState: object };
  return {
    ...c.store.indexSizes(),
    timers: state.timers.timers.length,
    controllerState: JSON.stringify(state.controllerState).length,
  };
}

describe('long-running simulation', () => {
  it('a CronJob running every minute keeps the store, its indexes and the timers flat over many hours', () => {
    const c = new Cluster({ seed: 4 });
    c.events.retainFor(EVENT_TTL_MS);
    c.apply([minutelyCronJob()]);
    c.runFor(2 * HOUR);
    const early = footprint(c);
    const earlyEvents = c.events.stream.length;
    c.runFor(10 * HOUR);
    const late = footprint(c);
    // Label index entries of deleted Jobs and pods (job-name and controller-uid values are unique)
    // used to stay behind: ~480 entries per simulated hour.
    const { controllerState: lateState, ...lateRest } = late;
    const { controllerState: earlyState, ...earlyRest } = early;
    assert.deepEqual(lateRest, earlyRest);
    // Serialized controller state may differ by a few digits (IP counters), never grow with time.
    assert.ok(lateState <= earlyState * 1.05, `controller state ${earlyState} → ${lateState} characters`);
    // Events older than the TTL are trimmed every 1,000 recordings.
    assert.ok(c.events.stream.length <= earlyEvents + 1000, `${earlyEvents} → ${c.events.stream.length} events retained`);
  });
});
