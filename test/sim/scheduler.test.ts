import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../server/src/sim/types';
import { cluster, deployment, eventsOf, pods } from './helpers';

describe('scheduler', () => {
  it('reports Insufficient cpu with the preemption suffix', () => {
    const c = cluster();
    c.apply([deployment('big', 1, { container: { resources: { requests: { cpu: '5' } } } })]);
    const [p] = pods(c, 'big');
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    assert.equal(eventsOf(c, 'FailedScheduling')[0], message);
    const cond = p.status.conditions?.find((x) => x.type === 'PodScheduled');
    assert.deepEqual([cond?.status, cond?.reason, cond?.message], ['False', 'Unschedulable', message]);
  });

  it('sorts mixed reasons and counts nodes per reason', () => {
    const c = cluster({ nodes: [{ name: 'a', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, { name: 'b', memory: '1Gi' }, { name: 'c', memory: '1Gi' }] });
    c.apply([deployment('m', 1, { container: { resources: { requests: { memory: '2Gi' } } } })]);
    assert.equal(
      eventsOf(c, 'FailedScheduling')[0],
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('honours nodeSelector, cordon and schedules when a node frees up', () => {
    const c = cluster({ nodes: [{ name: 'n1', labels: { disk: 'ssd' } }, { name: 'n2' }] });
    c.cordon('n1');
    c.apply([deployment('sel', 1, { podSpec: { nodeSelector: { disk: 'ssd' } } })]);
    assert.match(eventsOf(c, 'FailedScheduling')[0], /^0\/2 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector, 1 node\(s\) were unschedulable\. /);
    c.cordon('n1', false);
    c.runFor(15_000);
    assert.equal(pods(c, 'sel')[0].spec.nodeName, 'n1');
    assert.equal(eventsOf(c, 'Scheduled')[0], `Successfully assigned default/${pods(c, 'sel')[0].metadata.name} to n1`);
  });

  it('spreads replicas over nodes and respects allocatable pods', () => {
    const c = cluster({ nodes: [{ name: 'x', pods: 2 }, { name: 'y', pods: 2 }] });
    c.apply([deployment('s', 5)]);
    const placed = pods(c, 's').map((p: Pod) => p.spec.nodeName ?? 'none').sort();
    assert.deepEqual(placed, ['none', 'x', 'x', 'y', 'y']);
    assert.match(eventsOf(c, 'FailedScheduling')[0], /^0\/2 nodes are available: 2 Too many pods\./);
  });
});
