import type { Controller, SimContext } from '../context';
import { isRecord } from '../util/record';
import type { StoreChange } from '../store/store';
import type { Condition, KObject, LabelSelector, Pod } from '../types';
import { splitKey } from '../util/pods';
import { parseTime } from '../util/time';
import { milliCpu } from '../util/quantity';

const SOURCE = 'horizontal-pod-autoscaler';
const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 300_000;
/** --horizontal-pod-autoscaler-cpu-initialization-period and --horizontal-pod-autoscaler-initial-readiness-delay. */
const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
const INITIAL_READINESS_DELAY_MS = 30_000;
/** The window of a resource metric sample (metrics-server). */
const METRIC_WINDOW_MS = 30_000;

/**
 * Whether a pod's CPU sample is set aside as unready: not Ready or not started; within the CPU
 * initialization period, unready or Ready for less than one metric window; afterwards, unready and
 * never Ready since the initial readiness delay.
 * upstream: pkg/controller/podautoscaler/replica_calculator.go groupPods
 */
function cpuUnready(pod: Pod, now: number): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const start = parseTime(pod.status?.startTime);
  if (!ready || start === undefined) return true;
  const transition = parseTime(ready.lastTransitionTime) ?? start;
  if (start + CPU_INITIALIZATION_PERIOD_MS > now) return ready.status === 'False' || now < transition + METRIC_WINDOW_MS;
  return ready.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
}

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}
interface Policy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}
interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: Policy[];
}

type Hpa = KObject & {
  spec: {
    scaleTargetRef: { kind: string; name: string; apiVersion?: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    targetCPUUtilizationPercentage?: number;
    behavior?: { scaleUp?: Rules; scaleDown?: Rules };
  };
  status?: Record<string, unknown>;
};

interface HpaState {
  recommendations: Record<string, { time: number; replicas: number }[]>;
  scaleEvents: Record<string, { time: number; delta: number }[]>;
}

/** The HPA controller (autoscaling/v2, CPU utilization) fed by the simulated CPU load of each pod. */
export function hpaController(ctx: SimContext): Controller {
  const name = 'hpa';
  const state = (): HpaState => ctx.state<HpaState>('hpa', () => ({ recommendations: {}, scaleEvents: {} }));
  return {
    name,
    observe(change: StoreChange) {
      if (change.object.kind === 'HorizontalPodAutoscaler' && change.type === 'ADDED')
        ctx.after(0, 'hpa.sync', `${change.object.metadata.namespace}/${change.object.metadata.name}`, undefined, true);
    },
    timers: {
      'hpa.sync': (key) => {
        const [ns, hpaName] = splitKey(key);
        const hpa = ctx.store.get<Hpa>('HorizontalPodAutoscaler', ns, hpaName);
        if (!hpa) return;
        ctx.after(SYNC_MS, 'hpa.sync', key, undefined, true);
        // An HPA without a scale target (possible in a restored state) has nothing to scale.
        if (isRecord(hpa.spec?.scaleTargetRef)) reconcile(ctx, hpa, key, state());
      },
    },
  };
}

function utilizationTarget(hpa: Hpa): number {
  if (hpa.spec.targetCPUUtilizationPercentage !== undefined) return hpa.spec.targetCPUUtilizationPercentage;
  const metric = (hpa.spec.metrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  return metric?.resource?.target.averageUtilization ?? 80;
}

function reconcile(ctx: SimContext, hpa: Hpa, key: string, state: HpaState): void {
  const ref = hpa.spec.scaleTargetRef;
  const target = ctx.store.get<KObject & { spec: { replicas?: number; selector?: LabelSelector } }>(ref.kind, hpa.metadata.namespace, ref.name);
  const now = ctx.now();
  const conditions: Condition[] = [];
  const cond = (type: string, status: Condition['status'], reason: string, message: string): void => {
    const old = (hpa.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
    conditions.push({ type, status, reason, message, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : ctx.nowIso() });
  };
  if (!target) {
    cond(
      'AbleToScale',
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: ${ref.kind.toLowerCase()}s.apps "${ref.name}" not found`,
    );
    ctx.record(hpa, 'Warning', 'FailedGetScale', `${ref.kind.toLowerCase()}s.apps "${ref.name}" not found`, SOURCE);
    write(ctx, hpa, { currentReplicas: 0, desiredReplicas: 0, conditions });
    return;
  }
  const current = target.spec.replicas ?? 1;
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const targetUtil = utilizationTarget(hpa);
  const pods = ctx.store
    .select<Pod>('Pod', hpa.metadata.namespace, target.spec.selector)
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed');
  let metricProposal: number | undefined;
  let utilization: number | undefined;
  let missingRequest: string | undefined;
  if (current === 0 && min !== 0) {
    cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
  } else {
    const withMetrics: { usage: number; request: number; ready: boolean }[] = [];
    let missing = 0;
    for (const pod of pods) {
      const request = pod.spec.containers.reduce((s, c) => s + (c.resources?.requests?.cpu !== undefined ? milliCpu(c.resources.requests.cpu) : NaN), 0);
      if (Number.isNaN(request)) {
        missingRequest = `failed to get cpu utilization: missing request for cpu in container ${pod.spec.containers[0].name} of Pod ${pod.metadata.name}`;
        break;
      }
      if (pod.status?.phase !== 'Running') {
        missing++;
        continue;
      }
      withMetrics.push({ usage: ctx.faults.behaviorOf(pod).cpuMillis ?? 0, request, ready: !cpuUnready(pod, now) });
    }
    if (missingRequest || !withMetrics.some((m) => m.ready)) {
      const message = missingRequest ?? 'failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)';
      cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${message}`);
      ctx.record(hpa, 'Warning', 'FailedGetResourceMetric', message, SOURCE);
    } else {
      const ready = withMetrics.filter((m) => m.ready);
      const unready = withMetrics.length - ready.length;
      const sum = (list: typeof withMetrics, f: (m: (typeof withMetrics)[number]) => number): number => list.reduce((s, m) => s + f(m), 0);
      const basis = ready;
      utilization = Math.floor((sum(basis, (m) => m.usage) * 100) / sum(basis, (m) => m.request));
      const ratio = (sum(basis, (m) => m.usage) * 100) / sum(basis, (m) => m.request) / targetUtil;
      if (missing === 0 && unready === 0) metricProposal = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(ratio * basis.length);
      else {
        const avgRequest = sum(basis, (m) => m.request) / basis.length;
        let usage = sum(basis, (m) => m.usage);
        let requests = sum(basis, (m) => m.request);
        const count = basis.length + missing + (ratio > 1 ? unready : 0);
        if (ratio < 1) usage += (missing * avgRequest * Math.max(100, targetUtil)) / 100;
        requests += (missing + (ratio > 1 ? unready : 0)) * avgRequest;
        const newRatio = (usage * 100) / requests / targetUtil;
        if (Math.abs(newRatio - 1) <= TOLERANCE || (ratio > 1 && newRatio < 1) || (ratio < 1 && newRatio > 1)) metricProposal = current;
        else {
          const proposal = Math.ceil(newRatio * count);
          metricProposal = ratio > 1 ? Math.max(proposal, current) : Math.min(proposal, current);
        }
      }
      cond(
        'ScalingActive',
        'True',
        'ValidMetricFound',
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      );
    }
  }
  let desired = current;
  let reason = '';
  if (current > max) {
    desired = max;
    reason = 'Current number of replicas above Spec.MaxReplicas';
  } else if (current < min) {
    desired = min;
    reason = 'Current number of replicas below Spec.MinReplicas';
  } else if (metricProposal !== undefined) {
    const history = (state.recommendations[key] ??= []);
    history.push({ time: now, replicas: metricProposal });
    const window = (hpa.spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_WINDOW_MS / 1000) * 1000;
    state.recommendations[key] = history.filter((r) => now - r.time <= Math.max(window, (hpa.spec.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000));
    const downWindow = state.recommendations[key].filter((r) => now - r.time <= window);
    const upWindow = state.recommendations[key].filter((r) => now - r.time <= (hpa.spec.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000);
    const stabilized = Math.min(Math.max(current, Math.min(...upWindow.map((r) => r.replicas))), Math.max(...downWindow.map((r) => r.replicas)));
    const limit = hpa.spec.behavior ? rateLimits(hpa, state.scaleEvents[key] ?? [], current, now) : { up: Math.max(2 * current, 4), down: min };
    desired = Math.max(min, Math.max(limit.down, Math.min(stabilized, limit.up, max)));
    if (stabilized > metricProposal)
      cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    reason = desired > current ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target';
    if (metricProposal > max && desired === max)
      cond('ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count');
    else if (metricProposal < min && desired === min)
      cond('ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count');
    else cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
  }
  if (!conditions.some((c) => c.type === 'AbleToScale'))
    cond(
      'AbleToScale',
      'True',
      desired !== current ? 'SucceededRescale' : 'ReadyForNewScale',
      desired !== current ? `the HPA controller was able to update the target scale to ${desired}` : 'recommended size matches current size',
    );
  let lastScaleTime = hpa.status?.lastScaleTime as string | undefined;
  if (desired !== current) {
    ctx.store.mutate(target, (t) => {
      t.spec.replicas = desired;
    });
    (state.scaleEvents[key] ??= []).push({ time: now, delta: desired - current });
    ctx.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, SOURCE);
    lastScaleTime = ctx.nowIso();
  }
  const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
  conditions.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const status: Record<string, unknown> = { currentReplicas: current, desiredReplicas: desired, conditions };
  if (utilization !== undefined)
    status.currentMetrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: {
            averageUtilization: utilization,
            averageValue: `${Math.round(pods.reduce((s, p) => s + (ctx.faults.behaviorOf(p).cpuMillis ?? 0), 0) / Math.max(1, pods.length))}m`,
          },
        },
      },
    ];
  if (lastScaleTime) status.lastScaleTime = lastScaleTime;
  status.observedGeneration = hpa.metadata.generation;
  write(ctx, hpa, status);
}

/** Scaling policies with `behavior` (defaults: up max(4 pods, 100%) per 15s; down 100% per 15s). */
function rateLimits(hpa: Hpa, events: { time: number; delta: number }[], current: number, now: number): { up: number; down: number } {
  const up = hpa.spec.behavior?.scaleUp?.policies ?? [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ];
  const down = hpa.spec.behavior?.scaleDown?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  const limit = (policies: Policy[], select: string | undefined, dir: 1 | -1): number => {
    if (select === 'Disabled') return current;
    const values = policies.map((p) => {
      const changed = events.filter((e) => now - e.time < p.periodSeconds * 1000 && Math.sign(e.delta) === dir).reduce((s, e) => s + e.delta, 0);
      const start = current - changed;
      if (dir === 1) return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      return p.type === 'Pods' ? start - p.value : Math.floor(start * (1 - p.value / 100));
    });
    const pickMax = (select ?? 'Max') === 'Max';
    return dir === 1 ? (pickMax ? Math.max(...values) : Math.min(...values)) : pickMax ? Math.min(...values) : Math.max(...values);
  };
  return { up: limit(up, hpa.spec.behavior?.scaleUp?.selectPolicy, 1), down: limit(down, hpa.spec.behavior?.scaleDown?.selectPolicy, -1) };
}

function write(ctx: SimContext, hpa: Hpa, status: Record<string, unknown>): void {
  const current = ctx.store.get<Hpa>('HorizontalPodAutoscaler', hpa.metadata.namespace, hpa.metadata.name);
  if (current)
    ctx.store.mutate(current, (h) => {
      h.status = status;
    });
}
