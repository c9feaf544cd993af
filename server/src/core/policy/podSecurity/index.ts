export { evaluatePodSecurity, levelVersionText, minorOf, violatesMessage, wouldViolateMessage, type PodSecurityViolation } from './evaluate';
export { defaultPolicy, LABEL_PREFIX, namespacePolicy, POD_SECURITY_MODES, type NamespacePolicy, type PodSecurityMode } from './namespaceLabels';
export { POD_SECURITY_LEVELS, type LevelVersion, type PodSecurityLevel } from './types';
