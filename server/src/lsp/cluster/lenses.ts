import type { CodeLens } from 'vscode-languageserver/node';
import type { Resource } from '../../core/model/resource';
import type { Cluster } from '../../sim/cluster';
import { LAST_APPLIED } from '../../sim/store/apply';
import { isClusterScoped } from '../../sim/store/keys';
import type { KObject } from '../../sim/types';
import { driftDetails, driftEdits, driftOf, driftTitle, type DriftedField } from './drift';
import { statusLine } from './objectStatus';
import { shortReason } from './refusals';

/** Client commands the lenses run, with arguments `[uri, documentIndex]` (-1: the whole file). */
export const LENS_COMMANDS = {
  apply: 'shipshape.apply',
  applyFile: 'shipshape.applyFile',
  delete: 'shipshape.delete',
  openCluster: 'shipshape.openCluster',
  /** Shows the output with the API server's whole message. */
  showOutput: 'shipshape.showOutput',
  /** Arguments `[uri, version, edits]`: writes the live values into the manifest (LSP TextEdits). */
  useClusterValues: 'shipshape.useClusterValues',
} as const;

/** What the lenses need to know besides the cluster. */
export interface LensContext {
  cluster: Cluster;
  /** The API server's message when the document's last apply was refused. */
  refusal(resource: Resource): string | undefined;
  /** The open document's version (drift edits apply only to it). */
  version?: number;
}

/** The live object a document describes, if it was applied. */
export function liveObject(cluster: Cluster, resource: Resource): KObject | undefined {
  if (!resource.name) return undefined;
  const namespace = isClusterScoped(resource.kind) ? undefined : (resource.namespace ?? 'default');
  return cluster.store.get(resource.kind, namespace, resource.name);
}

/** The live object of an applied document, what its status lens says, and the fields the cluster changed. */
export interface DocumentStatus {
  live: KObject;
  /** `● 3/3 ready`, `… · edited since apply`, `… · cluster differs: replicas 5, file 3`. */
  title: string;
  drift: DriftedField[];
}

export function documentStatus(cluster: Cluster, resource: Resource): DocumentStatus | undefined {
  const live = liveObject(cluster, resource);
  if (!live) return undefined;
  let title = statusLine(cluster, live);
  const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
  if (lastApplied !== undefined && lastApplied !== JSON.stringify(resource.object)) title += ' · edited since apply';
  const drift = driftOf(resource, live);
  if (drift.length > 0) title += ` · ${driftTitle(drift)}`;
  return { live, title, drift };
}

/**
 * Lenses above each Kubernetes document: "▶ Apply", and once applied "Delete" and the live status
 * (which opens the cluster panel); "✖ refused: …" after a refused apply; "Re-apply file" and
 * "Use cluster values" when the cluster differs from the file. Above the first line of a file with
 * several documents, "Apply file".
 */
export function clusterLenses(uri: string, resources: readonly Resource[], context: LensContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
  if (resources.length > 1) {
    lenses.push({ range: at(0), command: { title: `▶ Apply file (${resources.length} resources)`, command: LENS_COMMANDS.applyFile, arguments: [uri, -1] } });
  }
  for (const resource of resources) {
    const range = at(resource.range.start.line);
    const args = [uri, resource.documentIndex];
    lenses.push({ range, command: { title: '▶ Apply', command: LENS_COMMANDS.apply, arguments: args } });
    const refusal = context.refusal(resource);
    if (refusal !== undefined) {
      lenses.push({ range, command: { title: `✖ refused: ${shortReason(refusal)}`, tooltip: refusal, command: LENS_COMMANDS.showOutput, arguments: [] } });
    }
    const status = documentStatus(context.cluster, resource);
    if (status === undefined) continue;
    lenses.push({ range, command: { title: 'Delete', command: LENS_COMMANDS.delete, arguments: args } });
    const ref = { kind: resource.kind, namespace: resource.namespace, name: resource.name };
    const drift = status.drift;
    const tooltip = drift.length > 0 ? `The cluster differs from the file:\n${driftDetails(drift)}` : undefined;
    lenses.push({ range, command: { title: status.title, command: LENS_COMMANDS.openCluster, arguments: [ref], ...(tooltip ? { tooltip } : {}) } });
    if (drift.length === 0) continue;
    lenses.push({
      range,
      command: { title: 'Re-apply file', tooltip: 'Apply this document: the cluster takes the file’s values', command: LENS_COMMANDS.apply, arguments: args },
    });
    lenses.push({
      range,
      command: {
        title: 'Use cluster values',
        tooltip: 'Write the live values into the file',
        command: LENS_COMMANDS.useClusterValues,
        arguments: [uri, context.version ?? null, driftEdits(resource, drift)],
      },
    });
  }
  return lenses;
}
