import type { Cluster } from '../../sim/cluster';
import { maskSecret } from '../../core/model/secrets';
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
import { ClusterJournal, type JournalOp } from './journal';
import { ClusterStateFile, type SavedCluster } from './persistence';
import { explainDecision, subjectIdentity } from './rbacQuery';
import { DEFAULT_CLOCK, hostedCluster, restoreCluster } from './restore';
import { StorageLock } from './storageLock';

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
  /** Tells the user something about the cluster's storage (e.g. an editor notification). */
  notify?(message: string): void;
  engine?: EngineOptions;
}

/** A change was made in memory but could not be written to the journal: it is not acknowledged as saved. */
export class NotSavedError extends Error {}

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
  private readonly journal: ClusterJournal | undefined;
  private readonly lock: StorageLock | undefined;
  private readonly heartbeat: unknown;
  /** Why this cluster is not saved although a storage folder was given (another server holds it). */
  readonly storageNotice: string | undefined;
  /** The fault list the client has, as JSON. */
  private sentFaults = '[]';

  constructor(private readonly options: ClusterHostOptions) {
    this.batcher = new DeltaBatcher(
      (delta) => options.sendDelta(this.withFaults(delta)),
      () => this.clockState(),
      realTimers,
    );
    const dir = options.storageDir;
    const claim = dir ? StorageLock.acquire(dir) : undefined;
    if (dir && claim?.kind === 'acquired') {
      this.lock = claim.lock;
      this.journal = new ClusterJournal(dir);
      const journal = this.journal;
      this.stateFile = new ClusterStateFile(
        dir,
        (m) => options.log.error(m),
        (seq) => journal.compacted(seq),
      );
    } else if (dir && claim?.kind === 'busy') {
      const owner = claim.owner.pid ? `the Shipshape language server with process id ${claim.owner.pid}` : 'another Shipshape language server';
      this.storageNotice = `The simulated cluster saved in ${dir} is in use by ${owner} (another window). This window has its own simulated cluster, which is not saved.`;
      options.log.warn(this.storageNotice);
      options.notify?.(this.storageNotice);
    }
    const restored =
      this.stateFile && this.journal
        ? restoreCluster(this.stateFile, this.journal, options.engine, options.log)
        : { cluster: hostedCluster(options.engine), clock: { ...DEFAULT_CLOCK }, replayed: 0 };
    this.attach(restored.cluster, restored.clock);
    // Replayed journal records are folded into a new snapshot soon.
    if (restored.replayed > 0) this.scheduleSave();
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

  /**
   * Applies objects (as JSON, like kubectl sends them: `serialized` when the caller has it already) and
   * returns once the change is in the journal on disk.
   */
  apply(objects: unknown[], serialized: string[] = objects.map((o) => JSON.stringify(o))): ApplyResult[] {
    const payload = `[${serialized.join(',')}]`;
    return this.durably({ type: 'apply', objects: [] }, () => this.cluster.apply(JSON.parse(payload) as unknown[]), `{"type":"apply","objects":${payload}}`);
  }

  delete(ref: ObjectRef): { ok: boolean; message: string } {
    const [result] = this.durably({ type: 'delete', ref }, () => this.cluster.delete({ kind: ref.kind, namespace: ref.namespace, name: ref.name }));
    if (!result.ok) return { ok: false, message: result.message.replace(`${ref.kind.toLowerCase()}s "`, `${qualifiedResource(ref.kind)} "`) };
    return result;
  }

  reset(): ClusterSnapshot {
    const settings: ClockSettings = { paused: this.clock.paused, speed: this.clock.speed };
    this.durably({ type: 'reset' }, () => this.attach(hostedCluster(this.options.engine), settings));
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
    const response = this.durably({ type: 'action', action }, () => runAction(this.cluster, this.clock, action));
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
    this.journal?.close();
    this.lock?.release();
  }

  /**
   * Runs a change, then appends it to the journal (fsync'd) before the caller answers: the change is
   * acknowledged only once it survives a crash. The record carries the virtual time the change was made
   * at, so a replay makes it at the same instant. Also written when the change throws halfway: the
   * replay then repeats what happened.
   */
  private durably<T>(op: JournalOp, change: () => T, serializedOp?: string): T {
    const time = this.cluster.time;
    let failed = true;
    try {
      const result = change();
      failed = false;
      return result;
    } finally {
      this.record(time, op, serializedOp, failed);
    }
  }

  private record(time: number, op: JournalOp, serializedOp: string | undefined, alreadyFailing: boolean): void {
    if (!this.journal) return;
    try {
      this.journal.append(time, op, serializedOp);
    } catch (err) {
      const message = `The change was made in the simulated cluster but could not be saved to ${this.journal.path}: ${(err as Error).message}`;
      this.options.log.error(message);
      if (!alreadyFailing) throw new NotSavedError(message);
    }
  }

  private attach(cluster: Cluster, clock: ClockSettings): void {
    this.unsubscribe();
    this.clock?.dispose();
    this.cluster = cluster;
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
    return {
      format: 'shipshape-cluster/1',
      clock: { paused: this.clock.paused, speed: this.clock.speed },
      journalSeq: this.journal?.lastSeq ?? 0,
      cluster: this.cluster.exportState(),
    };
  }
}
