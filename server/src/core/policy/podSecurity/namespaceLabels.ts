/**
 * The Pod Security labels of a namespace: `pod-security.kubernetes.io/<mode>` (level) and
 * `pod-security.kubernetes.io/<mode>-version`, for the modes enforce, warn and audit.
 */
import { isRecord } from '../../model/resource';
import { POD_SECURITY_LEVELS, type LevelVersion, type PodSecurityLevel } from './types';

export const POD_SECURITY_MODES = ['enforce', 'warn', 'audit'] as const;
export type PodSecurityMode = (typeof POD_SECURITY_MODES)[number];

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

export type NamespacePolicy = Record<PodSecurityMode, LevelVersion>;

/** What a namespace without labels gets: `defaultLevel` enforced, nothing warned or audited. */
export function defaultPolicy(defaultLevel: PodSecurityLevel): NamespacePolicy {
  return {
    enforce: { level: defaultLevel, version: 'latest' },
    warn: { level: 'privileged', version: 'latest' },
    audit: { level: 'privileged', version: 'latest' },
  };
}

function parseLevel(value: unknown): PodSecurityLevel | undefined {
  return typeof value === 'string' && (POD_SECURITY_LEVELS as readonly string[]).includes(value) ? (value as PodSecurityLevel) : undefined;
}

/** `latest` or `v1.<minor>`; undefined when invalid. */
export function parsePolicyVersion(value: unknown): number | 'latest' | undefined {
  if (value === 'latest') return 'latest';
  const m = typeof value === 'string' ? /^v1\.(0|[1-9]\d*)$/.exec(value) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * The policy a namespace's labels give. Unset labels take the defaults; an invalid level or version
 * is evaluated as `restricted:latest`, as the admission plugin does (it fails closed).
 */
export function namespacePolicy(labels: unknown, defaults: NamespacePolicy): NamespacePolicy {
  const map = isRecord(labels) ? labels : {};
  const out = { ...defaults };
  for (const mode of POD_SECURITY_MODES) {
    const rawLevel = map[LABEL_PREFIX + mode];
    const rawVersion = map[`${LABEL_PREFIX}${mode}-version`];
    const level = rawLevel === undefined ? defaults[mode].level : parseLevel(rawLevel);
    const version = rawVersion === undefined ? 'latest' : parsePolicyVersion(rawVersion);
    out[mode] = level === undefined || version === undefined ? { level: 'restricted', version: 'latest' } : { level, version };
  }
  return out;
}
