/** The Kubernetes version a simulated cluster runs, and the component defaults that depend on it. */
export interface SimVersion {
  /** What kubelets report (`status.nodeInfo.kubeletVersion`), e.g. "v1.32.2". */
  kubelet: string;
  minor: number;
}

/** The default: the release whose behaviour the simulator copies. */
export const DEFAULT_SIM_VERSION = 'v1.32.2';

/** Reads "1.31", "v1.33" or "v1.32.4" (".0" is added to a bare minor); anything else gives the default. */
export function simVersion(value: string | undefined): SimVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec((value ?? '').trim());
  if (!m) return simVersion(DEFAULT_SIM_VERSION);
  return { kubelet: `v${m[1]}.${m[2]}.${m[3] ?? '0'}`, minor: Number(m[2]) };
}

/**
 * kube-controller-manager --node-monitor-grace-period: 40s up to 1.31, 50s from 1.32
 * (kubernetes/kubernetes#126287).
 */
export function nodeMonitorGraceMs(version: SimVersion): number {
  return version.minor >= 32 ? 50_000 : 40_000;
}

/** kubelet nodeStatusReportFrequency: an unchanged node status (and its lastHeartbeatTime) is posted every 5 minutes. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
