import { Cluster } from '../../sim/cluster';
import { EVENT_TTL_MS } from '../../sim/events';
import type { EngineOptions } from '../../sim/simulation';
import { runAction } from './clusterActions';
import { ClockDriver, type ClockSettings } from './clockDriver';
import type { ClusterJournal, JournalRecord } from './journal';
import { parseAction, parseObjectRef } from './params';
import type { ClusterStateFile } from './persistence';

export const DEFAULT_CLOCK: ClockSettings = { paused: false, speed: 1 };

export interface RestoreLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface Restored {
  cluster: Cluster;
  clock: ClockSettings;
  /** Journal records replayed on top of the snapshot (not yet compacted into it). */
  replayed: number;
}

/** A cluster as the host runs it: events kept for an hour, like a real API server. */
export function hostedCluster(engine: EngineOptions | undefined): Cluster {
  const cluster = new Cluster(engine);
  cluster.events.retainFor(EVENT_TTL_MS);
  return cluster;
}

/** Timers that never fire: the clock of a replay moves only through the journal's records. */
const STILL_TIMERS = { setInterval: (): unknown => 0, clearInterval: (): void => undefined, now: (): number => 0 };

/**
 * Restores the saved cluster: the snapshot, then every journal record after it, each at the virtual time
 * it was made (the engine is deterministic, so this reproduces the acknowledged changes). A snapshot
 * that cannot be used is quarantined and the cluster starts fresh; a torn last journal record (a write
 * the crash interrupted, never acknowledged) is ignored. Leaves the journal open for appending.
 */
export function restoreCluster(stateFile: ClusterStateFile, journal: ClusterJournal, engine: EngineOptions | undefined, log: RestoreLog): Restored {
  const loaded = stateFile.load();
  let cluster = hostedCluster(engine);
  let clock: ClockSettings = { ...DEFAULT_CLOCK };
  let snapshotSeq = 0;
  let reason: string | undefined;
  if (loaded.kind === 'corrupt') reason = loaded.reason;
  else if (loaded.kind === 'loaded') {
    for (const warning of loaded.warnings) log.warn(`Saved simulated cluster ${stateFile.path}: ${warning}.`);
    try {
      const restored = hostedCluster(engine);
      restored.importState(loaded.saved.cluster);
      restored.settle();
      cluster = restored;
      clock = { ...loaded.saved.clock };
      snapshotSeq = loaded.saved.journalSeq ?? 0;
      stateFile.restrictMode();
    } catch (err) {
      reason = (err as Error).message;
    }
  }
  if (reason !== undefined) {
    const backup = stateFile.quarantine();
    log.warn(
      `The saved simulated cluster in ${stateFile.path} could not be read (${reason}); starting with a fresh cluster.${backup ? ` The file was kept as ${backup}.` : ''}`,
    );
    // The journal's changes were made on top of the lost snapshot: keep them for inspection only.
    const contents = journal.read(0);
    if (contents.records.length > 0 || contents.corrupt) log.warn(`The journal of the lost snapshot was kept as ${journal.backUp()}.`);
    journal.open([], 0);
    return { cluster, clock, replayed: 0 };
  }

  const contents = journal.read(snapshotSeq);
  if (contents.tornBytes > 0) log.info(`Ignored an incomplete last record (${contents.tornBytes} bytes) in ${journal.path}: it was never acknowledged.`);
  if (contents.corrupt)
    log.warn(`The journal ${journal.path} is damaged (${contents.corrupt}); changes after that point are lost. It was kept as ${journal.backUp()}.`);
  const replay = new ClockDriver(cluster, STILL_TIMERS, clock);
  let replayClock = replay;
  for (const record of contents.records) {
    try {
      if (record.op.type === 'reset') {
        replayClock.dispose();
        cluster = hostedCluster(engine);
        replayClock = new ClockDriver(cluster, STILL_TIMERS, { paused: replayClock.paused, speed: replayClock.speed });
        continue;
      }
      if (record.time > cluster.time) cluster.runFor(record.time - cluster.time);
      applyRecord(cluster, replayClock, record);
    } catch (err) {
      log.warn(`Replaying journal record ${record.seq} (${record.op.type}) failed: ${(err as Error).message}`);
    }
  }
  clock = { paused: replayClock.paused, speed: replayClock.speed };
  replayClock.dispose();
  const lastSeq = Math.max(snapshotSeq, contents.records.at(-1)?.seq ?? 0);
  journal.open(contents.records, lastSeq);
  if (loaded.kind === 'loaded' || contents.records.length > 0)
    log.info(
      `Restored the simulated cluster from ${stateFile.path} (${cluster.snapshot().length} objects${contents.records.length > 0 ? `, ${contents.records.length} journal records replayed` : ''}).`,
    );
  return { cluster, clock, replayed: contents.records.length };
}

function applyRecord(cluster: Cluster, clock: ClockDriver, record: JournalRecord): void {
  const { op } = record;
  switch (op.type) {
    case 'apply':
      cluster.apply(op.objects);
      return;
    case 'delete': {
      const ref = parseObjectRef(op.ref);
      cluster.delete({ kind: ref.kind, namespace: ref.namespace, name: ref.name });
      return;
    }
    case 'action':
      runAction(cluster, clock, parseAction(op.action));
      return;
    case 'reset':
      return;
  }
}
