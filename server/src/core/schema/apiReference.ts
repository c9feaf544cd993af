/**
 * Link to the generated API reference of a kind, e.g.
 * https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.36/#deployment-v1-apps
 * (the anchor is the lower-cased kind, the version and the first segment of the group, or "core").
 */
export function apiReferenceUrl(kubernetesVersion: string, apiVersion: string, kind: string): string {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const groupSegment = group ? group.split('.')[0] : 'core';
  return `https://kubernetes.io/docs/reference/generated/kubernetes-api/v${kubernetesVersion}/#${kind.toLowerCase()}-${version}-${groupSegment}`;
}
