import { describe, it } from 'node:test';
import { assertGolden } from './goldenHarness';

// Each case runs test/sim/golden/<name>.yaml and compares the rendered report with <name>.golden.txt.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
describe('golden scenarios', () => {
  it('liveness-after-healthy: a liveness probe failing after a healthy period restarts the container', () => {
    // upstream: pkg/kubelet/prober/worker.go doProbe (onHold only after a liveness failure or a startup result)
    assertGolden('liveness-after-healthy', { reasons: ['Unhealthy', 'Killing', 'Started', 'BackOff'] });
  });
});
