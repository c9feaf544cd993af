import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { eventAge, filterEvents, foldEvents } from '../../client/src/webview/model/events';
import { renderEvents } from '../../client/src/webview/render/eventsHtml';
import type { ClusterEvent } from '../../server/src/lsp/protocol';
import { shopCluster, snapshotOf } from './fixtures';

describe('event stream', () => {
  let model: ClusterModel;
  before(() => {
    model = new ClusterModel();
    model.loadSnapshot(snapshotOf(shopCluster()));
  });

  it('folds repeated events into one line with a count, newest first', () => {
    const lines = foldEvents(model.events);
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1].lastTime >= lines[i].lastTime);
    const backOff = lines.find((l) => l.reason === 'BackOff' && l.object.name.startsWith('worker-'));
    assert.ok(backOff, 'the crashing worker reports BackOff');
    assert.equal(backOff.type, 'Warning');
    assert.equal(backOff.from, 'kubelet');
    assert.ok(backOff.count > 1);
    assert.match(eventAge(backOff, model.clock.time), new RegExp(`^\\d+s \\(x${backOff.count} over \\d+s\\)$`));
  });

  it('formats ages like kubectl describe', () => {
    const e: ClusterEvent = {
      time: 0,
      type: 'Normal',
      reason: 'Pulled',
      message: 'm',
      source: 'kubelet',
      count: 1,
      involvedObject: { kind: 'Pod', name: 'p' },
    };
    const [once] = foldEvents([e]);
    assert.equal(eventAge(once, 125_000), '2m5s');
    const [thrice] = foldEvents([e, { ...e, time: 60_000, count: 2 }, { ...e, time: 600_000, count: 3 }]);
    assert.equal(eventAge(thrice, 660_000), '60s (x3 over 11m)');
  });

  it('filters by type, text (all words), namespace and object', () => {
    const warnings = filterEvents(model.events, { type: 'Warning' });
    assert.ok(warnings.length > 0 && warnings.every((l) => l.type === 'Warning'));
    const frontend = filterEvents(model.events, { text: 'frontend pull' });
    assert.ok(frontend.length > 0);
    for (const l of frontend) assert.match(`${l.reason} ${l.message} ${l.object.name}`.toLowerCase(), /frontend/);
    assert.ok(filterEvents(model.events, { namespace: 'default' }).every((l) => l.object.namespace === 'default'));
    const job = filterEvents(model.events, { object: { kind: 'Job', namespace: 'default', name: 'db-migrate' } });
    assert.ok(job.some((l) => l.reason === 'Completed'));
    assert.ok(job.every((l) => l.object.kind === 'Job' && l.object.name === 'db-migrate'));
    assert.deepEqual(filterEvents(model.events, { text: 'no-such-thing-anywhere' }), []);
  });

  it('renders escaped rows with the event type and reason as data attributes, capped', () => {
    const e: ClusterEvent = {
      time: 0,
      type: 'Warning',
      reason: 'Failed',
      message: '<img src=x onerror=alert(1)>',
      source: 'kubelet',
      count: 1,
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'p' },
    };
    const html = renderEvents(foldEvents([e]), 1000);
    assert.ok(!html.includes('<img'), 'messages are escaped');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /data-testid="event" data-type="Warning" data-reason="Failed"/);
    const many = Array.from({ length: 300 }, (_, i) => ({ ...e, message: `m${i}`, time: i }));
    const capped = renderEvents(foldEvents(many), 1000, { limit: 50 });
    assert.equal(capped.match(/data-testid="event"/g)?.length, 50);
    assert.match(capped, /Showing the newest 50 of 300 events/);
  });
});
