import assert from 'node:assert/strict';
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

  it('cronjob-timezone: schedules follow the IANA zone; an unknown zone is rejected like the API server does', () => {
    // upstream: pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob, pkg/apis/batch/validation/validation.go validateTimeZone
    const r = assertGolden('cronjob-timezone', { reasons: ['SuccessfulCreate', 'UnknownTimeZone'], dump: ['Job'] });
    assert.equal(
      r.failures[0].message,
      'CronJob.batch "nowhere" is invalid: spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons',
    );
  });

  it('controller-revisions: StatefulSet and DaemonSet revisions, history limit and rollout undo', () => {
    // upstream: pkg/controller/history/controller_history.go NewControllerRevision, pkg/controller/statefulset/stateful_set_control.go truncateHistory,
    // staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go StatefulSetRollbacker/DaemonSetRollbacker
    const r = assertGolden('controller-revisions', { reasons: ['SuccessfulCreate', 'SuccessfulDelete'] });
    assert.equal(r.failures.length, 1);
  });

  it('pdb-drain: the disruption controller keeps budgets; drain retries refused evictions', () => {
    // upstream: pkg/controller/disruption/disruption.go trySync, pkg/registry/core/pod/storage/eviction.go Create/checkAndDecrement,
    // staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods
    assertGolden('pdb-drain', { reasons: ['NoPods'], dump: ['PodDisruptionBudget'] });
  });
});
