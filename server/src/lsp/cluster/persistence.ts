import { mkdirSync, readFileSync, renameSync, writeFileSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../../sim/cluster';
import type { ClockSettings } from './clockDriver';

/** What is saved: the engine's state plus how the clock was being driven. */
export interface SavedCluster {
  format: 'shipshape-cluster/1';
  clock: ClockSettings;
  cluster: ClusterState;
}

export const STATE_FILE = 'cluster.json';
/** Saves happen at most this often (wall ms); a burst of changes is saved once, in its final state. */
export const SAVE_INTERVAL_MS = 1000;
/**
 * Serializing a large cluster blocks the server (about 100 ms for 1,000 pods): the wait between saves
 * grows with that cost, so that saving takes at most 1/SAVE_COST_RATIO of the time.
 */
const SAVE_COST_RATIO = 20;

export type LoadResult = { kind: 'none' } | { kind: 'loaded'; saved: SavedCluster } | { kind: 'corrupt'; reason: string };

/**
 * The saved cluster in a folder (VS Code's workspace storage). Writes are atomic (a temporary file is
 * renamed over the old one), so a crash never leaves half a file behind; a file that cannot be read is
 * kept as `cluster.json.bak` for inspection and the cluster starts fresh.
 */
export class ClusterStateFile {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private produce: (() => SavedCluster) | undefined;
  private writing: Promise<void> = Promise.resolve();
  private tempSeq = 0;
  private lastSerializeMs = 0;

  constructor(
    readonly dir: string,
    private readonly onError: (message: string) => void,
  ) {
    this.path = join(dir, STATE_FILE);
  }

  load(): LoadResult {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      return { kind: 'corrupt', reason: (err as Error).message };
    }
    try {
      const value: unknown = JSON.parse(text);
      const problem = shapeProblem(value);
      return problem ? { kind: 'corrupt', reason: problem } : { kind: 'loaded', saved: value as SavedCluster };
    } catch (err) {
      return { kind: 'corrupt', reason: (err as Error).message };
    }
  }

  /** Moves an unreadable state file aside (to `.bak`, replacing an older one). Returns the new path. */
  quarantine(): string | undefined {
    const backup = `${this.path}.bak`;
    try {
      renameSync(this.path, backup);
      return backup;
    } catch (err) {
      this.onError(`Could not move ${this.path} aside: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Saves `produce()` within SAVE_INTERVAL_MS; calls during the wait are folded into that one save. */
  scheduleSave(produce: () => SavedCluster): void {
    this.produce = produce;
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.saveNow();
      },
      Math.max(SAVE_INTERVAL_MS, this.lastSerializeMs * SAVE_COST_RATIO),
    );
    this.timer.unref();
  }

  /** Writes the pending state now (after any write in progress). */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const produce = this.produce;
    this.produce = undefined;
    if (!produce) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        const started = Date.now();
        const text = JSON.stringify(produce());
        this.lastSerializeMs = Date.now() - started;
        await fs.mkdir(this.dir, { recursive: true });
        const temp = `${this.path}.${process.pid}.${++this.tempSeq}.tmp`;
        await fs.writeFile(temp, text);
        await fs.rename(temp, this.path);
      } catch (err) {
        this.onError(`Could not save the simulated cluster to ${this.path}: ${(err as Error).message}`);
      }
    });
    return this.writing;
  }

  /** Writes the pending state synchronously (when the process is about to exit). */
  saveSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const produce = this.produce;
    this.produce = undefined;
    if (!produce) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const temp = `${this.path}.${process.pid}.${++this.tempSeq}.tmp`;
      writeFileSync(temp, JSON.stringify(produce()));
      renameSync(temp, this.path);
    } catch (err) {
      this.onError(`Could not save the simulated cluster to ${this.path}: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const v = value as Partial<SavedCluster>;
  if (v.format !== 'shipshape-cluster/1') return `unknown format ${JSON.stringify(v.format)}`;
  if (typeof v.clock !== 'object' || v.clock === null || typeof v.clock.paused !== 'boolean' || typeof v.clock.speed !== 'number')
    return 'missing clock settings';
  if (typeof v.cluster !== 'object' || v.cluster === null || typeof v.cluster.core !== 'object') return 'missing cluster state';
  return undefined;
}
