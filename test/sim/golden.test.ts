import { describe, it } from 'node:test';
import { assertGolden } from './goldenHarness';

// Each case runs test/sim/golden/<name>.yaml and compares the rendered report with <name>.golden.txt.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
describe('golden scenarios', () => {
  it('liveness-after-healthy: a liveness probe failing after a healthy period restarts the container', () => {
    // upstream: pkg/kubelet/prober/worker.go doProbe (onHold only after a liveness failure or a startup result)
    assertGolden('liveness-after-healthy', { reasons: ['Unhealthy', 'Killing', 'Started', 'BackOff'] });
  });

  it('endpoints: legacy Endpoints follow readiness, named ports, headless publishNotReadyAddresses', () => {
    // upstream: pkg/controller/endpoint/endpoints_controller.go syncService, pkg/controller/util/endpoint/trigger_time_tracker.go
    assertGolden('endpoints', { reasons: [], dump: ['Endpoints'] });
  });
});
