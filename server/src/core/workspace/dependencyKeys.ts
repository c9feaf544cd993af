/**
 * Keys of the workspace index's dependency graph: a file's facts *provide* some keys (with a fingerprint)
 * and cross-checks *use* others; when a provided key changes, the files using it are checked again.
 */
import { resourcePosition } from '../model/resource';
import type { PodTemplate } from './model';

export const objectKey = (kind: string, namespace: string, name: string): string => `o|${kind}|${namespace}|${name}`;
export const labelKey = (namespace: string, key: string, value: string): string => `p|${namespace}|${key}=${value}`;
export const implicitLabelKey = (namespace: string, key: string): string => `pk|${namespace}|${key}`;
export const anyValueLabelKey = (namespace: string, key: string): string => `pl|${namespace}|${key}`;
export const anyNamespaceLabelKey = (key: string): string => `pa|${key}`;
export const templateKey = (t: PodTemplate): string => `t|${t.owner.resource.uri}#${resourcePosition(t.owner.resource)}`;
export const groupKey = (group: string): string => `crd|${group}`;
export const ALL_CUSTOM_TYPES_KEY = 'crds';
/** All objects of a kind in a namespace, for checks that look at every one (NetworkPolicies). */
export const kindKey = (kind: string, namespace: string): string => `k|${kind}|${namespace}`;
