import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runSimulate } from '../../server/src/cli/simulate';

const ROOT = resolve(__dirname, '../../..');

async function simulate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runSimulate(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

describe('shipshape simulate', () => {
  it('prints the JSON contract: snapshots, events and timeline with the documented fields', async () => {
    const { code, out } = await simulate(['test/sim/scenarios/rolling-update.yaml', '--json']);
    assert.equal(code, 0);
    const result = JSON.parse(out);
    assert.deepEqual(result.snapshots.map((s: { label: string }) => s.label), ['initial', 'after-rollout', 'after-undo']);
    assert.deepEqual(Object.keys(result.events[0]).sort(), ['involvedObject', 'message', 'reason', 'source', 'time', 'type']);
    assert.deepEqual(Object.keys(result.events[0].involvedObject).sort(), ['kind', 'name', 'namespace']);
    assert.deepEqual(Object.keys(result.timeline[0].pods[0]).sort(), ['name', 'namespace', 'node', 'owner', 'phase', 'ready', 'terminating']);
    const pod = result.snapshots[0].objects.find((o: { kind: string }) => o.kind === 'Pod');
    assert.equal(pod.status.phase, 'Running');
    assert.match(result.timeline[0].pods[0].owner, /^ReplicaSet\/api-/);
  });

  it('exits 1 and reports a waitFor timeout', async () => {
    const { code, out } = await simulate(['test/sim/scenarios/timeout.yaml']);
    assert.equal(code, 1);
    assert.ok(out.includes('FAILURES\n  step 3 (waitFor: {"kind":"Deployment","name":"api","condition":"Available","timeout":"30s"}) at 30s: timed out after 30000ms waiting for Deployment/api: 0 of 1 satisfy {"condition":"Available"}'));
  });

  it('prints kubectl-style tables at snapshots', async () => {
    const { code, out } = await simulate(['test/sim/scenarios/daemonset.yaml']);
    assert.equal(code, 0);
    const lines = out.split('\n').map((l) => l.trimEnd());
    for (const expected of [
      '    NAME            STATUS                     ROLES           AGE   VERSION',
      '    control-plane   Ready                      control-plane   1s    v1.32.2',
      '    worker-2        Ready,SchedulingDisabled   <none>          1s    v1.32.2',
      '    NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
      '    agent   2         2         2       2            2           <none>          1s',
    ]) {
      assert.ok(lines.includes(expected), expected);
    }
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    assert.equal((await simulate([])).code, 2);
    const missing = await simulate(['nope.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^error: cannot read nope\.yaml: ENOENT/);
  });
});
