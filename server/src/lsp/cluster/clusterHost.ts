import { Cluster } from '../../sim/cluster';
import { maskSecret } from '../../core/model/secrets';
import { EVENT_TTL_MS } from '../../sim/events';
import type { ApplyResult } from '../../sim/store/apply';
import { qualifiedResource } from '../../sim/store/keys';
import type { EngineOptions } from '../../sim/simulation';
import type {
  ActionResponse,
  CanIParams,
  CanIResponse,
  ClockState,
  ClusterAction,
  ClusterDelta,
  ClusterSnapshot,
  DescribeParams,
  DescribeResponse,
  ObjectRef,
} from '../protocol';
import { faultList, runAction } from './clusterActions';
import { ClockDriver, type ClockSettings } from './clockDriver';
import { toClusterEvent } from './convert';
import { DeltaBatcher } from './deltaBatcher';
import { describeObject } from './describe';
import { ClusterStateFile, type SavedCluster } from './persistence';
import { explainDecision, subjectIdentity } from './rbacQuery';

/** Events a snapshot carries at most (the most recent). */
export const SNAPSHOT_EVENTS = 1000;
/** While the clock runs and nothing else changes, a clock-only delta this often (wall ms). */
export const CLOCK_HEARTBEAT_MS = 1000;

export interface HostLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ClusterHostOptions {
  /** Folder to persist the cluster in; none: the cluster lives as long as the process. */
  storageDir?: string;
  sendDelta(delta: ClusterDelta): void;
  /** Called after the cluster changed (objects, or a reset). */
  onChange?(): void;
  log: HostLog;
  engine?: EngineOptions;
}

const DEFAULT_CLOCK: ClockSettings = { paused: false, speed: 1 };

/**
 * The clock's intervals do not keep a process alive by themselves; a pending delta (at most
 * DELTA_INTERVAL_MS away) does, so that it is delivered.
 */
const realTimers = {
  setInterval: (callback: () => void, ms: number): unknown => setInterval(callback, ms).unref(),
  clearInterval: (handle: unknown): void => clearInterval(handle as NodeJS.Timeout),
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout),
  now: (): number => Date.now(),
};

/**
 * The simulated cluster of a language server: the engine, its clock driven in real time, batched
 * change notifications and persistence. Transport-free: the LSP binding (register.ts) validates
 * requests and turns results into responses.
 */
export class ClusterHost {
  private cluster!: Cluster;
  private clock!: ClockDriver;
  private unsubscribe: () => void = () => undefined;
  private readonly batcher: DeltaBatcher;
  private readonly stateFile: ClusterStateFile | undefined;
  private readonly heartbeat: unknown;
  /** The fault list the client has, as JSON. */
  private sentFaults = '[]';

  constructor(private readonly options: ClusterHostOptions) {
    this.batcher = new DeltaBatcher(
      (delta) => options.sendDelta(this.withFaults(delta)),
      () => this.clockState(),
      realTimers,
    );
    this.stateFile = options.storageDir ? new ClusterStateFile(options.storageDir, (m) => options.log.error(m)) : undefined;
    const { cluster, clock } = this.restore();
    this.attach(cluster, clock);
    this.heartbeat = realTimers.setInterval(() => {
      if (!this.clock.paused) this.batcher.clockChanged();
    }, CLOCK_HEARTBEAT_MS);
  }

  /** The live engine. Replaced by `reset`: do not keep it. */
  get current(): Cluster {
    return this.cluster;
  }

  clockState(): ClockState {
    return { time: this.cluster.time, epoch: this.cluster.epoch, paused: this.clock.paused, speed: this.clock.speed };
  }

  apply(objects: unknown[]): ApplyResult[] {
    return this.cluster.apply(objects);
  }

  delete(ref: ObjectRef): { ok: boolean; message: string } {
    const [result] = this.cluster.delete({ kind: ref.kind, namespace: ref.namespace, name: ref.name });
    if (!result.ok) return { ok: false, message: result.message.replace(`${ref.kind.toLowerCase()}s "`, `${qualifiedResource(ref.kind)} "`) };
    return result;
  }

  reset(): ClusterSnapshot {
    const settings: ClockSettings = { paused: this.clock.paused, speed: this.clock.speed };
    this.attach(new Cluster(this.options.engine), settings);
    this.changed();
    return this.snapshot();
  }

  snapshot(): ClusterSnapshot {
    const stream = this.cluster.events.stream;
    return {
      objects: this.cluster.snapshot().map((o) => maskSecret(o)),
      events: stream.slice(Math.max(0, stream.length - SNAPSHOT_EVENTS)).map(toClusterEvent),
      clock: this.clockState(),
      faults: faultList(this.cluster),
    };
  }

  action(action: ClusterAction): ActionResponse {
    const response = runAction(this.cluster, this.clock, action);
    // Clock and fault changes may change no object: a delta reports them anyway.
    if (['pause', 'resume', 'step', 'setSpeed', 'fault', 'clearFault'].includes(action.type)) {
      this.batcher.clockChanged();
      this.scheduleSave();
    }
    return response;
  }

  canI(params: CanIParams): CanIResponse {
    const identity = subjectIdentity(params);
    const decision = this.cluster.canI({
      ...identity,
      verb: params.verb,
      resource: params.subresource ? `${params.resource}/${params.subresource}` : params.resource,
      apiGroup: params.group ?? '',
      name: params.name,
      namespace: params.namespace,
    });
    return { allowed: decision.allowed, reason: explainDecision(this.cluster, params, identity.user, decision) };
  }

  describe(ref: DescribeParams): DescribeResponse {
    const obj = this.cluster.get(ref.kind, ref.namespace, ref.name);
    if (!obj) return { text: `Error from server (NotFound): ${qualifiedResource(ref.kind)} "${ref.name}" not found\n` };
    return { object: maskSecret(obj, { reveal: ref.revealSecrets === true }), text: describeObject(this.cluster, obj) };
  }

  /** Sends pending changes now (tests, benchmarks, shutdown). */
  flush(): void {
    this.batcher.flush();
  }

  /** Writes the saved state now if anything changed since the last save. */
  save(): Promise<void> {
    return this.stateFile?.saveNow() ?? Promise.resolve();
  }

  dispose(): void {
    realTimers.clearInterval(this.heartbeat);
    this.clock.dispose();
    this.unsubscribe();
    this.batcher.dispose();
    this.stateFile?.saveSync();
    this.stateFile?.dispose();
  }

  private attach(cluster: Cluster, clock: ClockSettings): void {
    this.unsubscribe();
    this.clock?.dispose();
    this.cluster = cluster;
    // A cluster that lives for days keeps an hour of events, like a real API server.
    cluster.events.retainFor(EVENT_TTL_MS);
    this.clock = new ClockDriver(cluster, realTimers, clock);
    this.unsubscribe = cluster.subscribe((batch) => {
      this.batcher.add(batch);
      this.scheduleSave();
      this.options.onChange?.();
    });
    this.batcher.replaceAll(cluster.snapshot(), cluster.events.stream.slice(-SNAPSHOT_EVENTS));
  }

  /** Adds the fault list to a delta when it changed since the last one. */
  private withFaults(delta: ClusterDelta): ClusterDelta {
    const faults = faultList(this.cluster);
    const signature = JSON.stringify(faults);
    if (delta.reset || signature !== this.sentFaults) {
      this.sentFaults = signature;
      return { ...delta, faults };
    }
    return delta;
  }

  private changed(): void {
    this.scheduleSave();
    this.options.onChange?.();
  }

  private scheduleSave(): void {
    this.stateFile?.scheduleSave(() => this.saved());
  }

  private saved(): SavedCluster {
    return { format: 'shipshape-cluster/1', clock: { paused: this.clock.paused, speed: this.clock.speed }, cluster: this.cluster.exportState() };
  }

  /** The saved cluster, or a fresh one (an unreadable file is moved aside with a warning). */
  private restore(): { cluster: Cluster; clock: ClockSettings } {
    const fresh = { cluster: new Cluster(this.options.engine), clock: { ...DEFAULT_CLOCK } };
    if (!this.stateFile) return fresh;
    const loaded = this.stateFile.load();
    if (loaded.kind === 'none') return fresh;
    let reason: string;
    if (loaded.kind === 'loaded') {
      try {
        const cluster = new Cluster(this.options.engine);
        cluster.importState(loaded.saved.cluster);
        cluster.settle();
        this.options.log.info(`Restored the simulated cluster from ${this.stateFile.path} (${cluster.snapshot().length} objects).`);
        return { cluster, clock: loaded.saved.clock };
      } catch (err) {
        reason = (err as Error).message;
      }
    } else reason = loaded.reason;
    const backup = this.stateFile.quarantine();
    this.options.log.warn(
      `The saved simulated cluster in ${this.stateFile.path} could not be read (${reason}); starting with a fresh cluster.${backup ? ` The file was kept as ${backup}.` : ''}`,
    );
    return fresh;
  }
}
