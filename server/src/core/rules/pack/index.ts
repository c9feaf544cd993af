import { ignoringPlaceholders } from '../util/placeholders';
import { dropNetRawCapability } from './capabilities';
import { pdbMaxUnavailable, pdbMinAvailable } from './disruptionBudgets';
import { envVarSecret, readSecretFromEnvVar } from './envSecrets';
import { dockerSock, sensitiveHostMounts, writableHostMount } from './hostMounts';
import { hostIpc, hostNetwork, hostPid } from './hostNamespaces';
import { jobTtlSecondsAfterFinished } from './jobs';
import { latestTag } from './latestTag';
import type { PackCheck, PackRule } from './packCheck';
import { priorityClassName, unsafeProcMount } from './podSettings';
import { privilegedContainer, privilegeEscalationContainer } from './privileged';
import { noLivenessProbe, noReadinessProbe } from './probes';
import { accessToCreatePods, accessToSecrets, clusterAdminRoleBinding, wildcardInRules } from './rbac';
import { noReadOnlyRootFs } from './readOnlyRootFs';
import { hpaMinimumThreeReplicas, minimumThreeReplicas, noAntiAffinity, noRollingUpdateStrategy } from './replicas';
import { unsetCpuRequirements, unsetMemoryRequirements } from './resourceRequirements';
import { runAsNonRoot } from './runAsNonRoot';
import { defaultServiceAccount, deprecatedServiceAccountField } from './serviceAccount';
import { exposedServices } from './services';
import { sshPort } from './sshPort';
import { unsafeSysctls } from './sysctls';

/** The pack's single-document checks, in reporting order. */
const PACK: readonly PackCheck[] = [
  latestTag,
  unsetCpuRequirements,
  unsetMemoryRequirements,
  noLivenessProbe,
  noReadinessProbe,
  runAsNonRoot,
  noReadOnlyRootFs,
  privilegedContainer,
  privilegeEscalationContainer,
  hostNetwork,
  hostPid,
  hostIpc,
  dockerSock,
  sensitiveHostMounts,
  writableHostMount,
  dropNetRawCapability,
  unsafeSysctls,
  sshPort,
  envVarSecret,
  readSecretFromEnvVar,
  defaultServiceAccount,
  deprecatedServiceAccountField,
  minimumThreeReplicas,
  noAntiAffinity,
  noRollingUpdateStrategy,
  hpaMinimumThreeReplicas,
  pdbMaxUnavailable,
  pdbMinAvailable,
  jobTtlSecondsAfterFinished,
  wildcardInRules,
  accessToSecrets,
  accessToCreatePods,
  clusterAdminRoleBinding,
  exposedServices,
  priorityClassName,
  unsafeProcMount,
];

export const PACK_CHECKS = PACK.map(ignoringPlaceholders);

/** Pack rules checked by the workspace (workspace/checks/packRules.ts). */
const CROSS_PACK_RULES: readonly PackRule[] = [
  { id: 'use-namespace', title: 'Deployed to the default namespace', preset: 'security', defaultSeverity: 'warning', crossResource: true },
  { id: 'non-isolated-pod', title: 'No NetworkPolicy selects the pods', preset: 'security', defaultSeverity: 'warning', crossResource: true },
];

/** Every rule of the pack (pdb-min-available is also checked across resources). */
export const PACK_RULES: readonly PackRule[] = [
  ...PACK.map((c) => ({ id: c.id, title: c.title, preset: c.preset, defaultSeverity: c.defaultSeverity, crossResource: c.id === 'pdb-min-available' })),
  ...CROSS_PACK_RULES,
];
