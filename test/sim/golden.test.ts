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

  it('jobs-deadline: killed pods count as failed, the Failed condition waits for them; Indexed pods get JOB_COMPLETION_INDEX', () => {
    // upstream: pkg/controller/job/job_controller.go syncJob/trackJobStatusAndRemoveFinalizers (delayed terminal condition, 1.31+),
    // pkg/controller/job/indexed_job_utils.go addCompletionIndexEnvVariables
    const r = assertGolden('jobs-deadline', { reasons: ['SuccessfulCreate', 'DeadlineExceeded', 'Completed', 'Killing'] });
    const job = (label: string) => r.snapshots.find((s) => s.label === label)!.objects.find((o) => o.kind === 'Job' && o.metadata.name === 'slow')!;
    const conditions = (label: string) => ((job(label).status as { conditions?: { type: string }[] }).conditions ?? []).map((c) => c.type);
    assert.deepEqual(conditions('deadline-terminating'), ['FailureTarget']);
    assert.deepEqual(conditions('failed'), ['FailureTarget', 'Failed']);
    assert.equal((job('failed').status as { failed: number }).failed, 2);
    const pod = r.snapshots[0].objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith('indexed-1-'))!;
    assert.deepEqual((pod.spec as { containers: { env: unknown[] }[] }).containers[0].env, [
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
    ]);
  });

  it('node-join: a joining node gets DaemonSet pods; label and taint patches reschedule and evict', () => {
    // upstream: pkg/controller/daemon/daemon_controller.go syncNodes, pkg/scheduler (pending pods retried on node updates),
    // pkg/controller/tainteviction/taint_eviction.go handleNodeUpdate
    assertGolden('node-join', { reasons: ['RegisteredNode', 'Scheduled', 'FailedScheduling', 'TaintManagerEviction', 'SuccessfulCreate'] });
  });

  it("pod-affinity: required pod anti-affinity and affinity with the scheduler's FailedScheduling texts", () => {
    // upstream: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go Filter, pkg/scheduler/framework/types.go FitError.Error
    const r = assertGolden('pod-affinity', { reasons: ['FailedScheduling', 'Scheduled'] });
    const failed = r.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
    assert.ok(
      failed.includes(
        "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.",
      ),
      failed.join('\n'),
    );
  });
});
