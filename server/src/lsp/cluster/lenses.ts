import type { CodeLens } from 'vscode-languageserver/node';
import type { Resource } from '../../core/model/resource';
import type { Cluster } from '../../sim/cluster';
import { LAST_APPLIED } from '../../sim/store/apply';
import { isClusterScoped } from '../../sim/store/keys';
import type { KObject } from '../../sim/types';
import { statusLine } from './objectStatus';

/** Client commands the lenses run, with arguments `[uri, documentIndex]` (-1: the whole file). */
export const LENS_COMMANDS = {
  apply: 'shipshape.apply',
  applyFile: 'shipshape.applyFile',
  delete: 'shipshape.delete',
  openCluster: 'shipshape.openCluster',
} as const;

/** The live object a document describes, if it was applied. */
export function liveObject(cluster: Cluster, resource: Resource): KObject | undefined {
  if (!resource.name) return undefined;
  const namespace = isClusterScoped(resource.kind) ? undefined : (resource.namespace ?? 'default');
  return cluster.store.get(resource.kind, namespace, resource.name);
}

/** What the status lens says about a document: its live status, and whether the text changed since it was applied. */
export function documentStatus(cluster: Cluster, resource: Resource): string | undefined {
  const live = liveObject(cluster, resource);
  if (!live) return undefined;
  const status = statusLine(cluster, live);
  const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
  return lastApplied !== undefined && lastApplied !== JSON.stringify(resource.object) ? `${status} · edited since apply` : status;
}

/**
 * Lenses above each Kubernetes document: "▶ Apply", and once applied "Delete" and the live status
 * (which opens the cluster panel); above the first line of a file with several documents, "Apply file".
 */
export function clusterLenses(uri: string, resources: readonly Resource[], cluster: Cluster): CodeLens[] {
  const lenses: CodeLens[] = [];
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
  if (resources.length > 1) {
    lenses.push({ range: at(0), command: { title: `▶ Apply file (${resources.length} resources)`, command: LENS_COMMANDS.applyFile, arguments: [uri, -1] } });
  }
  for (const resource of resources) {
    const range = at(resource.range.start.line);
    const args = [uri, resource.documentIndex];
    lenses.push({ range, command: { title: '▶ Apply', command: LENS_COMMANDS.apply, arguments: args } });
    const status = documentStatus(cluster, resource);
    if (status === undefined) continue;
    lenses.push({ range, command: { title: 'Delete', command: LENS_COMMANDS.delete, arguments: args } });
    const ref = { kind: resource.kind, namespace: resource.namespace, name: resource.name };
    lenses.push({ range, command: { title: status, command: LENS_COMMANDS.openCluster, arguments: [ref] } });
  }
  return lenses;
}
