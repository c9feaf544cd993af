/**
 * Shipshape's extensions to LSP, all under the `shipshape/` prefix. This is the one place that defines
 * them; the server and the VS Code client both import it. It has no runtime dependencies, so any
 * editor's client can mirror it.
 *
 * Requests (client → server):
 * - `shipshape/cluster/apply`     ApplyParams → ApplyResponse      apply one document, or every document of a file
 * - `shipshape/cluster/delete`    DeleteParams → ApplyResponse     delete the objects of one document (or a file)
 * - `shipshape/cluster/reset`     {} → ClusterSnapshot             a fresh cluster (same node layout)
 * - `shipshape/cluster/snapshot`  {} → ClusterSnapshot             every object, recent events, the clock
 * - `shipshape/cluster/action`    ClusterAction → ActionResponse   panel actions (scale, undo, faults, time, …)
 * - `shipshape/cluster/canI`      CanIParams → CanIResponse        RBAC evaluation with the deciding binding/rule
 * - `shipshape/cluster/describe`  DescribeParams → DescribeResponse kubectl-describe-like text plus the live object
 *                                                                  (Secret values masked unless `revealSecrets`)
 * - `shipshape/cluster/apiEndpoint` {} → ApiEndpointResponse       starts (once) the cluster's Kubernetes API server on
 *                                                                  127.0.0.1 and returns its URL and a kubeconfig file
 *
 * Secret values (`data`, `stringData`, the last-applied annotation) are masked in snapshots, deltas and
 * describe responses; only an explicit `revealSecrets` describe shows them.
 *
 * Notifications (server → client):
 * - `shipshape/cluster/changed`   ClusterDelta                     batched object upserts/deletes and new events,
 *                                                                  at most every DELTA_INTERVAL_MS of wall time
 * - `shipshape/cluster/applyFailed` ApplyResponse                  an apply was refused (shown as a notification)
 *
 * Code lenses over plain `textDocument/codeLens` carry the commands `shipshape.apply`,
 * `shipshape.applyFile` and `shipshape.delete` with arguments `[uri: string, documentIndex: number]`
 * (`documentIndex` is -1 for a whole file). Their titles show the live status of applied objects.
 */

export const DELTA_INTERVAL_MS = 100;

/** Options the client passes in `initializationOptions`. */
export interface ShipshapeInitializationOptions {
  /** Folder where the simulated cluster is persisted (VS Code's workspace storage). No persistence if absent. */
  clusterStoragePath?: string;
  /** Only `true` or absent runs the cluster; any other value (false in untrusted workspaces) disables it. */
  clusterEnabled?: boolean;
  settings?: unknown;
}

/** A Kubernetes object as the API would return it (with metadata, spec, status). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface ClusterEvent {
  /** Virtual time of the event, ms since the cluster's start. */
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: string;
  count: number;
  involvedObject: ObjectRef;
}

export interface ClockState {
  /** Virtual ms since the cluster's start. */
  time: number;
  /** Virtual epoch ms of time 0 (to print timestamps and ages). */
  epoch: number;
  paused: boolean;
  /** 1, 5, 20 or 0 for "as fast as possible". */
  speed: number;
}

/** A fault injected from the panel, on a pod or a workload (for every pod it has). */
export interface FaultInfo {
  id: number;
  fault: 'crash' | 'imagePullFailure' | 'readinessFailure';
  /** The object it was injected on; deleting it, or re-applying its manifest, removes the fault. */
  target: ObjectRef;
}

export interface ClusterSnapshot {
  objects: KubeObject[];
  events: ClusterEvent[];
  clock: ClockState;
  /** Injected faults (absent from servers that do not report them). */
  faults?: FaultInfo[];
}

export interface ClusterDelta {
  /**
   * Set when the cluster was replaced (a reset, or the server started and restored the saved cluster):
   * drop every object and event held so far; `upserts` then lists every object.
   */
  reset?: boolean;
  upserts: KubeObject[];
  deletes: (ObjectRef & { uid: string })[];
  events: ClusterEvent[];
  clock: ClockState;
  /** Every injected fault, when the list changed since the last delta (or with `reset`). */
  faults?: FaultInfo[];
}

export interface ApplyParams {
  uri: string;
  /** Index of the YAML document in the file; -1 or absent for every document of the file. */
  documentIndex?: number;
  /**
   * When `documentIndex` is absent: the document at this position (a command run from the editor's
   * cursor). The nearest document above the position when it is between documents.
   */
  position?: { line: number; character: number };
}

export type DeleteParams = ApplyParams;

export interface ApplyOutcome {
  ref: ObjectRef;
  /** `created`, `configured`, `unchanged`, `deleted` or `rejected`. */
  outcome: 'created' | 'configured' | 'unchanged' | 'deleted' | 'rejected';
  /** kubectl-style line: `deployment.apps/api created`, or the API server's rejection message. */
  message: string;
  /** Warnings the API server returned, kubectl prints them as `Warning: …` (Pod Security warn mode). */
  warnings?: string[];
}

export interface ApplyResponse {
  ok: boolean;
  results: ApplyOutcome[];
}

export type ClusterAction =
  | { type: 'deletePod'; namespace: string; name: string }
  | { type: 'scale'; kind: string; namespace: string; name: string; replicas: number }
  | { type: 'rolloutRestart'; kind: string; namespace: string; name: string }
  | { type: 'rolloutUndo'; namespace: string; name: string; toRevision?: number }
  | { type: 'cordon' | 'uncordon' | 'drain' | 'failNode' | 'recoverNode'; node: string }
  /** A new node joins (kubelet running). Without `node`, the next free `node-<n>` name; 4 CPU, 16Gi by default. */
  | { type: 'addNode'; node?: string; cpu?: string; memory?: string }
  | { type: 'fault'; fault: FaultInfo['fault']; namespace: string; name: string }
  /** Removes an injected fault (`FaultInfo.id`). */
  | { type: 'clearFault'; id: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Pauses, then advances virtual time by `ms` (0: to the next scheduled instant). */
  | { type: 'step'; ms: number }
  | { type: 'setSpeed'; speed: number };

export interface ActionResponse {
  ok: boolean;
  message: string;
}

export interface CanIParams {
  subject: { kind: 'User' | 'Group' | 'ServiceAccount'; name: string; namespace?: string };
  verb: string;
  resource: string;
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface CanIResponse {
  allowed: boolean;
  /** Which binding and rule decided, or why nothing allowed it. */
  reason: string;
}

export interface DescribeParams extends ObjectRef {
  /** Show a Secret's `data`/`stringData` values; otherwise they are masked like everywhere else. */
  revealSecrets?: boolean;
}

export interface DescribeResponse {
  object?: KubeObject;
  /** kubectl-describe-like text, including conditions and events. */
  text: string;
}

export interface ApiEndpointResponse {
  /** `https://127.0.0.1:PORT` */
  server: string;
  /** A kubeconfig (context, cluster and user named `shipshape`) for kubectl and other Kubernetes clients. */
  kubeconfig: string;
}

export const Methods = {
  apply: 'shipshape/cluster/apply',
  delete: 'shipshape/cluster/delete',
  reset: 'shipshape/cluster/reset',
  snapshot: 'shipshape/cluster/snapshot',
  action: 'shipshape/cluster/action',
  canI: 'shipshape/cluster/canI',
  describe: 'shipshape/cluster/describe',
  apiEndpoint: 'shipshape/cluster/apiEndpoint',
  changed: 'shipshape/cluster/changed',
  applyFailed: 'shipshape/cluster/applyFailed',
} as const;
