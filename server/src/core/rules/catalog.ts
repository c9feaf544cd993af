import type { Severity } from '../types';
import { PACK_RULES } from './pack';

/** Every rule id Shipshape reports. Ids are a contract with users' settings and suppressions. */
export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  title: string;
  /** Whether the rule needs other resources of the workspace. */
  crossResource: boolean;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', defaultSeverity: 'error', title: 'YAML syntax error', crossResource: false },
  { id: 'duplicate-key', defaultSeverity: 'error', title: 'A mapping key appears twice', crossResource: false },
  { id: 'schema', defaultSeverity: 'error', title: 'Does not match the Kubernetes API schema', crossResource: false },
  { id: 'invalid-value', defaultSeverity: 'error', title: 'The API server would reject this value', crossResource: false },
  { id: 'unknown-kind', defaultSeverity: 'error', title: 'apiVersion/kind is not served', crossResource: false },
  { id: 'removed-api', defaultSeverity: 'error', title: 'apiVersion was removed', crossResource: false },
  { id: 'deprecated-api', defaultSeverity: 'warning', title: 'apiVersion is deprecated', crossResource: false },
  { id: 'selector-mismatch', defaultSeverity: 'error', title: 'Selector does not select the pod template', crossResource: false },
  { id: 'service-no-match', defaultSeverity: 'warning', title: 'Service selects no pods', crossResource: true },
  { id: 'service-port-mismatch', defaultSeverity: 'warning', title: 'Service targetPort is not declared by the selected pods', crossResource: true },
  { id: 'missing-service', defaultSeverity: 'warning', title: 'Referenced Service does not exist', crossResource: true },
  { id: 'missing-service-port', defaultSeverity: 'warning', title: 'Referenced Service has no such port', crossResource: true },
  { id: 'missing-configmap', defaultSeverity: 'warning', title: 'Referenced ConfigMap does not exist', crossResource: true },
  { id: 'missing-configmap-key', defaultSeverity: 'warning', title: 'Referenced ConfigMap key does not exist', crossResource: true },
  { id: 'missing-secret', defaultSeverity: 'warning', title: 'Referenced Secret does not exist', crossResource: true },
  { id: 'missing-secret-key', defaultSeverity: 'warning', title: 'Referenced Secret key does not exist', crossResource: true },
  { id: 'missing-pvc', defaultSeverity: 'warning', title: 'Referenced PersistentVolumeClaim does not exist', crossResource: true },
  { id: 'missing-service-account', defaultSeverity: 'warning', title: 'Referenced ServiceAccount does not exist', crossResource: true },
  { id: 'missing-role', defaultSeverity: 'warning', title: 'Referenced Role or ClusterRole does not exist', crossResource: true },
  { id: 'missing-hpa-target', defaultSeverity: 'warning', title: 'HorizontalPodAutoscaler target does not exist', crossResource: true },
  { id: 'rbac-unknown-verb', defaultSeverity: 'warning', title: 'Unknown RBAC verb', crossResource: false },
  { id: 'rbac-unknown-resource', defaultSeverity: 'warning', title: 'Resource not served by the rule\'s API groups', crossResource: true },
  { id: 'duplicate-resource', defaultSeverity: 'error', title: 'The same object is defined twice', crossResource: true },
  { id: 'probe-port', defaultSeverity: 'warning', title: 'Probe names a port the container does not declare', crossResource: false },
  { id: 'duplicate-env', defaultSeverity: 'warning', title: 'Env var defined twice in one container', crossResource: false },
  { id: 'networkpolicy-no-match', defaultSeverity: 'warning', title: 'NetworkPolicy selector selects no pods', crossResource: true },
  { id: 'pdb-no-match', defaultSeverity: 'warning', title: 'PodDisruptionBudget selects no pods', crossResource: true },
  { id: 'statefulset-service-not-headless', defaultSeverity: 'warning', title: 'StatefulSet serviceName is not a headless Service', crossResource: true },
  // Pod Security admission (on by default) and the opt-in best-practice pack (kube-linter's check names).
  { id: 'pod-security', defaultSeverity: 'error', title: 'Violates the Pod Security level of the namespace', crossResource: true },
  ...PACK_RULES.map(({ id, defaultSeverity, title, crossResource }) => ({ id, defaultSeverity, title, crossResource })),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Where a rule's page is published: the stable link diagnostics (`codeDescription`) and SARIF (`helpUri`) carry. */
export const RULE_DOCS_BASE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/';

/** The page of a rule of the catalog; undefined for ids the catalog does not know. */
export function ruleDocUrl(id: string): string | undefined {
  return BY_ID.has(id) ? `${RULE_DOCS_BASE}${id}.md` : undefined;
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}
