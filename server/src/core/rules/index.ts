import type { DocumentCheck } from './check';
import { claimsCheck } from './checks/claims';
import { persistentVolumesCheck } from './checks/persistentVolumes';
import { configDataCheck } from './checks/configData';
import { duplicateEnvCheck } from './checks/duplicateEnv';
import { containersCheck } from './checks/containers';
import { enumFieldsCheck } from './checks/enumFields';
import { ingressCheck } from './checks/ingress';
import { jobsCheck } from './checks/jobs';
import { labelSelectorsCheck } from './checks/labelSelectors';
import { networkPolicyCheck } from './checks/networkPolicy';
import { objectMetaCheck } from './checks/objectMeta';
import { podSpecCheck } from './checks/podSpec';
import { podTemplateCheck } from './checks/podTemplate';
import { probePortCheck } from './checks/probePort';
import { probesCheck } from './checks/probes';
import { rbacVerbsCheck } from './checks/rbacVerbs';
import { resourcesCheck } from './checks/resources';
import { scalingCheck } from './checks/scaling';
import { selectorMismatchCheck } from './checks/selectorMismatch';
import { serviceCheck } from './checks/service';
import { workloadsCheck } from './checks/workloads';
import { ignoringPlaceholders } from './util/placeholders';

/**
 * Every single-document check, in reporting order. Values that are template placeholders
 * (`{{ .Values.x }}`, `${VAR}`) are left alone by all of them.
 */
export const DOCUMENT_CHECKS: readonly DocumentCheck[] = [
  objectMetaCheck,
  containersCheck,
  resourcesCheck,
  podSpecCheck,
  probesCheck,
  enumFieldsCheck,
  labelSelectorsCheck,
  serviceCheck,
  ingressCheck,
  workloadsCheck,
  jobsCheck,
  scalingCheck,
  claimsCheck,
  persistentVolumesCheck,
  configDataCheck,
  selectorMismatchCheck,
  rbacVerbsCheck,
  networkPolicyCheck,
  podTemplateCheck,
  probePortCheck,
  duplicateEnvCheck,
].map(ignoringPlaceholders);
