import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { backUp } from './backups';
import { PRIVATE_MODE, syncFolder } from './journal';
import { StateSchemaError, validateSavedCluster, type SavedCluster } from './stateSchema';

export type { SavedCluster } from './stateSchema';

export const STATE_FILE = 'cluster.json';
/** Saves happen at most this often (wall ms); a burst of changes is saved once, in its final state. */
export const SAVE_INTERVAL_MS = 1000;
/**
 * Serializing a large cluster blocks the server (about 100 ms for 1,000 pods): the wait between saves
 * grows with that cost, so that saving takes at most 1/SAVE_COST_RATIO of the time.
 */
const SAVE_COST_RATIO = 20;

export type LoadResult = { kind: 'none' } | { kind: 'loaded'; saved: SavedCluster; warnings: string[] } | { kind: 'corrupt'; reason: string };

/**
 * The saved cluster in a folder (VS Code's workspace storage). Writes are atomic and durable (a
 * temporary file, fsync'd, renamed over the old one, the folder fsync'd), so a crash never leaves half a
 * file behind; files are readable by their owner only. Every field is validated on load
 * (stateSchema.ts); a file that cannot be used is kept as a numbered `cluster.json.bak.N` and the
 * cluster starts fresh.
 */
export class ClusterStateFile {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private produce: (() => SavedCluster) | undefined;
  private writing: Promise<void> = Promise.resolve();
  private tempSeq = 0;
  private lastSerializeMs = 0;
  /** The producer of the write in progress (a synchronous save at exit writes its state again, newer). */
  private writingProduce: (() => SavedCluster) | undefined;
  /** Generation of the newest state renamed into place: an older write in progress never replaces it. */
  private renamedGeneration = 0;

  constructor(
    readonly dir: string,
    private readonly onError: (message: string) => void,
    /** Called once a snapshot is on disk, with the journal sequence number it includes. */
    private readonly onDurable: (journalSeq: number) => void = () => undefined,
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
      const { saved, warnings } = validateSavedCluster(JSON.parse(text));
      return { kind: 'loaded', saved, warnings };
    } catch (err) {
      if (err instanceof StateSchemaError || err instanceof SyntaxError) return { kind: 'corrupt', reason: err.message };
      throw err;
    }
  }

  /** Moves an unreadable state file aside to the next numbered backup (`.bak.1`, `.bak.2`, …). Returns its path. */
  quarantine(): string | undefined {
    try {
      return backUp(this.path);
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
      const generation = ++this.tempSeq;
      this.writingProduce = produce;
      try {
        const started = Date.now();
        const saved = produce();
        const text = JSON.stringify(saved);
        this.lastSerializeMs = Date.now() - started;
        await fs.mkdir(this.dir, { recursive: true });
        const temp = `${this.path}.${process.pid}.${generation}.tmp`;
        const handle = await fs.open(temp, 'w', PRIVATE_MODE);
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
        // Checked and renamed in one synchronous step: a newer synchronous save cannot slip in between.
        if (generation < this.renamedGeneration) {
          await fs.unlink(temp);
          return;
        }
        renameSync(temp, this.path);
        this.renamedGeneration = generation;
        syncFolder(this.dir);
        this.onDurable(saved.journalSeq ?? 0);
      } catch (err) {
        this.onError(`Could not save the simulated cluster to ${this.path}: ${(err as Error).message}`);
      } finally {
        this.writingProduce = undefined;
      }
    });
    return this.writing;
  }

  /** Writes the pending state synchronously (when the process is about to exit). */
  saveSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // A write still in progress may not finish before the process exits: its state is written now.
    const produce = this.produce ?? this.writingProduce;
    this.produce = undefined;
    if (!produce) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const saved = produce();
      const generation = ++this.tempSeq;
      const temp = `${this.path}.${process.pid}.${generation}.tmp`;
      const fd = openSync(temp, 'w', PRIVATE_MODE);
      try {
        writeSync(fd, JSON.stringify(saved));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      this.renamedGeneration = generation;
      syncFolder(this.dir);
      this.onDurable(saved.journalSeq ?? 0);
    } catch (err) {
      this.onError(`Could not save the simulated cluster to ${this.path}: ${(err as Error).message}`);
    }
  }

  /** Older versions wrote the file with the default mode: make it private. */
  restrictMode(): void {
    try {
      chmodSync(this.path, PRIVATE_MODE);
    } catch {
      // no file yet, or a file system without modes
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
