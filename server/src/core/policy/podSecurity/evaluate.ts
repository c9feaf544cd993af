/**
 * Pod Security admission as a pure function: a pod (or pod template) + level + version → the
 * controls it violates, with the admission plugin's message. Shared by the editor check and the
 * simulated API server.
 */
import { BASELINE_CONTROLS } from './baseline';
import { policyPod } from './podView';
import { RESTRICTED_CONTROLS } from './restricted';
import type { ControlFinding, LevelVersion, PodSecurityControl, PolicyVersions } from './types';

export interface PodSecurityViolation extends ControlFinding {
  /** The admission plugin's check id. */
  control: string;
  /** `reason (detail)`, as the plugin writes one violation. */
  text: string;
}

function byId(a: PodSecurityControl, b: PodSecurityControl): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Baseline controls first, then restricted, each sorted by id: the plugin's order of messages. */
const BASELINE = [...BASELINE_CONTROLS].sort(byId);
const RESTRICTED = [...RESTRICTED_CONTROLS].sort(byId);

/** The minor version of a Kubernetes version string ("1.36" → 36). */
export function minorOf(kubernetesVersion: string): number {
  const m = /^v?1\.(\d+)/.exec(kubernetesVersion);
  return m ? Number(m[1]) : 36;
}

/** The policy version a level/version evaluates at on an API server: pins above the server count as the server's. */
export function policyVersions(lv: LevelVersion, kubernetesVersion: string): PolicyVersions {
  const server = minorOf(kubernetesVersion);
  return { server, policy: lv.version === 'latest' ? server : Math.min(lv.version, server) };
}

/** The controls in force for a level at a policy version, in message order. */
export function controlsFor(level: LevelVersion['level'], policy: number): PodSecurityControl[] {
  if (level === 'privileged') return [];
  const exists = (c: PodSecurityControl): boolean => policy >= (c.since ?? 0);
  const baseline = BASELINE.filter(exists);
  if (level === 'baseline') return baseline;
  const restricted = RESTRICTED.filter(exists);
  const overridden = new Set(restricted.flatMap((c) => c.overrides ?? []));
  return [...baseline.filter((c) => !overridden.has(c.id)), ...restricted];
}

/**
 * Evaluates a pod object (`{metadata, spec}`: a Pod, or a workload's pod template) against a level.
 * Paths in the result are relative to that object.
 */
export function evaluatePodSecurity(pod: Record<string, unknown>, lv: LevelVersion, kubernetesVersion: string): PodSecurityViolation[] {
  if (lv.level === 'privileged') return [];
  const versions = policyVersions(lv, kubernetesVersion);
  const view = policyPod(pod);
  const out: PodSecurityViolation[] = [];
  for (const control of controlsFor(lv.level, versions.policy)) {
    const finding = control.check(view, versions);
    if (!finding) continue;
    out.push({ ...finding, control: control.id, text: finding.detail ? `${finding.reason} (${finding.detail})` : finding.reason });
  }
  return out;
}

/** `restricted:latest`, `baseline:v1.30` */
export function levelVersionText(lv: LevelVersion): string {
  return `${lv.level}:${lv.version === 'latest' ? 'latest' : `v1.${lv.version}`}`;
}

/** `violates PodSecurity "restricted:latest": a (…), b (…)` — the enforce message. */
export function violatesMessage(lv: LevelVersion, violations: readonly { text: string }[]): string {
  return `violates PodSecurity "${levelVersionText(lv)}": ${violations.map((v) => v.text).join(', ')}`;
}

/** `would violate PodSecurity "restricted:latest": …` — the warning kubectl shows in warn mode. */
export function wouldViolateMessage(lv: LevelVersion, violations: readonly { text: string }[]): string {
  return `would violate PodSecurity "${levelVersionText(lv)}": ${violations.map((v) => v.text).join(', ')}`;
}
