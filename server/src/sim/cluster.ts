import { parseFile } from '../core/parse/parseFile';
import { resourcesOf } from '../core/model/resource';
import * as actions from './actions';
import { bootstrap, defaultNodes } from './bootstrap';
import { allControllers } from './controllers/index';
import { FAULTS_KEY } from './kubelet/kubelet';
import { DEFAULT_DRAIN_TIMEOUT_MS, DRAIN_RETRY_MS, drainOutput, drainPending } from './drain';
import { evictPod, type EvictionResult } from './eviction';
import { addNode, patchObject } from './nodes';
import type { NodeOptions } from './simulation';
import type { FaultRule } from './faults';
import { SimulationCore, type EngineOptions } from './simulation';
import { ApiError, deleteObject, type DeleteOptions } from './store/api';
import { applyObject, type ApplyResult } from './store/apply';
import { kubectlRef } from './store/keys';
import { canI, type AccessDecision, type AccessRequest } from './query/rbac';
import { resolveIngress, type IngressRoute } from './query/ingress';
import type { KObject, LabelSelector } from './types';
import { controllerRef } from './util/pods';

export interface ClusterState {
  format: 'shipshape-sim/1';
  options: { seed?: number };
  core: Record<string, unknown>;
}

export interface DeleteResult {
  ok: boolean;
  message: string;
}

/**
 * A simulated Kubernetes cluster. Deterministic: the same options, inputs and seed give the same
 * results. Headless use: `apply`, then `runFor`/`runUntil`. A UI subscribes with `subscribe` and reads
 * `snapshot()`; `Pacer` drives the clock in real time.
 */
export class Cluster extends SimulationCore {
  constructor(options: EngineOptions = {}) {
    super(options);
    for (const controller of allControllers(this.ctx)) this.register(controller);
    const nodes = typeof options.nodes === 'number' || options.nodes === undefined ? defaultNodes(options.nodes ?? 3) : options.nodes;
    bootstrap(this.ctx, nodes);
    this.settle();
    // A fault belongs to the object it was injected on: it goes when the object goes.
    this.store.onChange((change) => {
      if (change.type === 'DELETED') this.faults.removeOwnedBy(new Set([change.object.metadata.uid]));
    });
  }

  // ---- apply and delete ----

  /** kubectl apply for each object, in order; each is applied or rejected on its own. */
  apply(objects: unknown[]): ApplyResult[] {
    const results = objects.map((obj) => {
      const result = applyObject(this.ctx, obj, this.options.validator);
      // The manifest says how the application behaves (fault annotations included): faults injected
      // on the object and on its pods do not survive a re-apply.
      if (result.ok && result.action !== 'created') this.dropFaultsOf(this.store.get(result.kind, result.namespace, result.name));
      this.settle();
      return result;
    });
    return results;
  }

  /** Parses a manifest file (all documents) with the language core and applies its objects. */
  applyText(text: string, uri = 'untitled:manifest.yaml'): ApplyResult[] {
    const file = parseFile(uri, text);
    const errors = file.syntaxDiagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      return [{ ok: false, kind: '', name: '', message: `error: error parsing ${uri}: line ${errors[0].range.start.line + 1}: ${errors[0].message}` }];
    }
    return this.apply(resourcesOf(file).map((r) => r.object));
  }

  /** Deletes by name or by label selector (`count` limits how many, in name order). */
  delete(target: { kind: string; namespace?: string; name?: string; selector?: Record<string, string> | LabelSelector; count?: number }, options: DeleteOptions = {}): DeleteResult[] {
    const namespace = target.kind === 'Node' || target.kind === 'Namespace' ? undefined : target.namespace ?? 'default';
    let victims: KObject[];
    if (target.name) {
      const obj = this.store.get(target.kind, namespace, target.name);
      if (!obj) return [{ ok: false, message: `Error from server (NotFound): ${target.kind.toLowerCase()}s "${target.name}" not found` }];
      victims = [obj];
    } else {
      const selector = target.selector && ('matchLabels' in target.selector || 'matchExpressions' in target.selector) ? (target.selector as LabelSelector) : { matchLabels: target.selector as Record<string, string> | undefined };
      victims = this.store
        .select(target.kind, namespace, selector)
        .filter((o) => !o.metadata.deletionTimestamp)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      if (target.count !== undefined) victims = victims.slice(0, target.count);
    }
    const results = victims.map((obj) => {
      deleteObject(this.ctx, obj, options);
      return { ok: true, message: `${kubectlRef(obj.kind, obj.metadata.name).replace('/', ' "')}" deleted` };
    });
    this.settle();
    return results;
  }

  // ---- kubectl-style actions ----

  scale(kind: string, namespace: string | undefined, name: string, replicas: number): string {
    return this.act(() => actions.scale(this.ctx, kind, namespace, name, replicas));
  }

  setImage(kind: string, namespace: string | undefined, name: string, container: string, image: string): string {
    return this.act(() => actions.setImage(this.ctx, kind, namespace, name, container, image));
  }

  /** kubectl rollout undo for a Deployment (default), StatefulSet or DaemonSet. */
  rolloutUndo(namespace: string | undefined, name: string, toRevision = 0, kind = 'Deployment'): string {
    return this.act(() => actions.rolloutUndo(this.ctx, namespace, name, toRevision, kind));
  }

  rolloutPause(namespace: string | undefined, name: string, paused = true): string {
    return this.act(() => actions.pause(this.ctx, namespace, name, paused));
  }

  rolloutRestart(kind: string, namespace: string | undefined, name: string): string {
    return this.act(() => actions.rolloutRestart(this.ctx, kind, namespace, name));
  }

  rolloutHistory(namespace: string | undefined, name: string, kind = 'Deployment'): { revision: number; changeCause: string }[] {
    return actions.rolloutHistory(this.ctx, namespace, name, kind);
  }

  cordon(node: string, unschedulable = true): string {
    return this.act(() => actions.cordon(this.ctx, node, unschedulable));
  }

  /**
   * kubectl drain: cordon and evict. Evictions a PodDisruptionBudget refuses are retried every 5s on the
   * virtual clock. With `wait`, time advances until the drain finishes (or `timeoutMs` passes) and the
   * whole output is returned; otherwise the first pass's output.
   */
  drain(node: string, options: { wait?: boolean; timeoutMs?: number } = {}): string[] {
    const first = [...actions.drain(this.ctx, node, options.timeoutMs)];
    this.settle();
    if (!options.wait || !drainPending(this.ctx, node)) return first;
    this.runUntil(() => !drainPending(this.ctx, node), (options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS) + DRAIN_RETRY_MS);
    return [first[0], ...drainOutput(this.ctx, node)];
  }

  /** The eviction subresource (POST pods/<name>/eviction): deletes the pod unless a PodDisruptionBudget forbids it. */
  evictPod(namespace: string, name: string): EvictionResult {
    const result = evictPod(this.ctx, namespace, name);
    this.settle();
    return result;
  }

  /** A new node joins, with its kubelet running. */
  addNode(options: NodeOptions): string {
    return this.act(() => addNode(this.ctx, options));
  }

  /** kubectl patch --type merge (for example a node's labels or taints). */
  patch(kind: string, namespace: string | undefined, name: string, patch: unknown): string {
    return this.act(() => patchObject(this.ctx, kind, namespace, name, patch));
  }

  nodeDown(node: string): string {
    return this.act(() => actions.setNodeDown(this.ctx, node, true));
  }

  nodeUp(node: string): string {
    return this.act(() => actions.setNodeDown(this.ctx, node, false));
  }

  /** Adds a fault rule for matching pods (existing and future); returns its id for `removeFault`. */
  addFault(rule: Omit<FaultRule, 'id'>): number {
    const id = this.faults.add(rule);
    // Containers already running pick up crash faults too, not only the ones started later.
    this.ctx.enqueue('kubelet', FAULTS_KEY);
    this.settle();
    return id;
  }

  /** Removes a fault rule; false when there is none with that id. */
  removeFault(id: number): boolean {
    return this.faults.remove(id);
  }

  /** Removes the faults injected on an object and on the pods it controls (directly or through ReplicaSets). */
  private dropFaultsOf(obj: KObject | undefined): void {
    if (!obj || this.faults.rules.length === 0) return;
    const uids = new Set([obj.metadata.uid]);
    const namespace = obj.metadata.namespace;
    for (const rs of this.store.list('ReplicaSet', namespace)) if (controllerRef(rs)?.uid === obj.metadata.uid) uids.add(rs.metadata.uid);
    for (const pod of this.store.list('Pod', namespace)) {
      const owner = controllerRef(pod)?.uid;
      if (owner && uids.has(owner)) uids.add(pod.metadata.uid);
    }
    this.faults.removeOwnedBy(uids);
  }

  private act(fn: () => string): string {
    const out = fn();
    this.settle();
    return out;
  }

  // ---- queries ----

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.store.get<T>(kind, kind === 'Node' || kind === 'Namespace' ? undefined : namespace ?? 'default', name);
  }

  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    return this.store.list<T>(kind, namespace);
  }

  /** RBAC: can the subject do the verb on the resource? Reports the binding and rule that decided. */
  canI(request: AccessRequest): AccessDecision {
    return canI(this.store, request);
  }

  /** Which Ingress rule, Service and pods a request for host + path reaches. */
  resolveIngress(host: string, path: string, options: { namespace?: string; ingressClassName?: string } = {}): IngressRoute {
    return resolveIngress(this.store, host, path, options);
  }

  /** Deletes a namespace and everything in it (the namespace controller finishes the job). */
  deleteNamespace(name: string): DeleteResult[] {
    return this.delete({ kind: 'Namespace', name });
  }

  /** Every object, as the API would return it. Objects are shared, never copied: treat them as read-only. */
  snapshot(): KObject[] {
    return this.store.all();
  }

  // ---- persistence ----

  /** Everything needed to continue exactly where this cluster is: objects, clock, timers, rng, history. */
  exportState(): ClusterState {
    return JSON.parse(JSON.stringify({ format: 'shipshape-sim/1', options: { seed: this.options.seed }, core: this.exportCore() }));
  }

  importState(state: ClusterState): void {
    if (state.format !== 'shipshape-sim/1') throw new ApiError(`unsupported state format ${String(state.format)}`, 'BadRequest');
    this.importCore(state.core as never);
    for (const controller of this.controllers.values()) controller.reset?.();
  }
}
