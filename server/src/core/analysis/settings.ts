import { POD_SECURITY_LEVELS, type PodSecurityLevel } from '../policy/podSecurity/types';
import type { SeveritySetting } from '../types';

export interface AnalysisSettings {
  /** "1.36" — the Kubernetes version whose API is checked against. */
  kubernetesVersion: string;
  /** Master switch for diagnostics. */
  validateEnable: boolean;
  /** Per-rule severity overrides: "off" silences the rule. */
  rules: Record<string, SeveritySetting>;
  /** Level enforced in namespaces without Pod Security labels (or not in the workspace). */
  podSecurityDefaultLevel: PodSecurityLevel;
  /** Opt-in rule packs and rules: preset names (`best-practices`, `security`, `all`) or rule ids. */
  presets: string[];
}

export const DEFAULT_KUBERNETES_VERSION = '1.36';
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'] as const;

export const DEFAULT_SETTINGS: AnalysisSettings = {
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  validateEnable: true,
  rules: {},
  podSecurityDefaultLevel: 'privileged',
  presets: [],
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
  const podSecurity = (typeof raw.podSecurity === 'object' && raw.podSecurity !== null ? raw.podSecurity : {}) as Record<string, unknown>;
  const level = podSecurity.defaultLevel ?? raw.podSecurityDefaultLevel;
  const presets = Array.isArray(raw.presets) ? raw.presets.filter((p): p is string => typeof p === 'string' && /^[a-z][a-z0-9-]*$/.test(p)) : [];
  return {
    kubernetesVersion: version,
    validateEnable: typeof validate?.enable === 'boolean' ? validate.enable : raw.validateEnable !== false,
    rules,
    podSecurityDefaultLevel: (POD_SECURITY_LEVELS as readonly unknown[]).includes(level) ? (level as PodSecurityLevel) : 'privileged',
    presets: [...new Set(presets)],
  };
}
