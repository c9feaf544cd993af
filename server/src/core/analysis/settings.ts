import type { SeveritySetting } from '../types';

export interface AnalysisSettings {
  /** "1.36" — the Kubernetes version whose API is checked against. */
  kubernetesVersion: string;
  /** Master switch for diagnostics. */
  validateEnable: boolean;
  /** Per-rule severity overrides: "off" silences the rule. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_KUBERNETES_VERSION = '1.36';
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'] as const;

export const DEFAULT_SETTINGS: AnalysisSettings = {
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  validateEnable: true,
  rules: {},
};

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Normalizes user input (LSP settings, CLI flags); unknown values fall back to defaults. */
export function normalizeSettings(input: unknown): AnalysisSettings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const validate = raw.validate as Record<string, unknown> | undefined;
  let version = typeof raw.kubernetesVersion === 'string' ? raw.kubernetesVersion.trim().replace(/^v/, '') : DEFAULT_KUBERNETES_VERSION;
  const m = /^(\d+)\.(\d+)/.exec(version);
  version = m ? `${m[1]}.${m[2]}` : DEFAULT_KUBERNETES_VERSION;
  const rules: Record<string, SeveritySetting> = {};
  if (typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, sev] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
    }
  }
  return {
    kubernetesVersion: version,
    validateEnable: typeof validate?.enable === 'boolean' ? validate.enable : raw.validateEnable !== false,
    rules,
  };
}
