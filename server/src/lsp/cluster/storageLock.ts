import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_MODE } from './journal';

export const LOCK_FILE = 'cluster.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
}

export type LockResult = { kind: 'acquired'; lock: StorageLock } | { kind: 'busy'; owner: LockOwner };

/** Is a process with this id running? (EPERM: it runs as another user.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 && typeof value.hostname === 'string')
      return { pid: value.pid, hostname: value.hostname, since: String(value.since ?? '') };
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return undefined;
}

/**
 * An exclusive claim on a storage folder: `cluster.lock` holds the owner's pid. Only the owner writes the
 * saved cluster, so two servers (two editor windows sharing one storage folder) never overwrite each
 * other's changes. A lock whose process is gone (a crash, kill -9) is stale and taken over.
 */
export class StorageLock {
  private constructor(readonly path: string) {}

  static acquire(dir: string): LockResult {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOCK_FILE);
    const me: LockOwner = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(path, 'wx', PRIVATE_MODE);
        try {
          writeSync(fd, JSON.stringify(me));
        } finally {
          closeSync(fd);
        }
        return { kind: 'acquired', lock: new StorageLock(path) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = readOwner(path);
      // Another machine's process cannot be checked (a shared network folder): its lock is respected.
      if (owner && (owner.hostname !== me.hostname || alive(owner.pid)) && owner.pid !== process.pid) return { kind: 'busy', owner };
      // Stale: move it out of the way under a name of our own, so that two servers taking over the same
      // stale lock do not remove each other's fresh one; then try again.
      const moved = `${path}.stale.${process.pid}`;
      try {
        renameSync(path, moved);
      } catch {
        continue; // someone else took it over first: look again
      }
      const taken = readOwner(moved);
      if (taken && taken.pid !== owner?.pid && alive(taken.pid)) {
        // What we moved was another server's fresh lock, not the stale one: put it back.
        try {
          linkSync(moved, path);
        } catch {
          // a third server holds the path now
        }
      }
      unlinkSync(moved);
    }
    const owner = readOwner(path);
    return { kind: 'busy', owner: owner ?? { pid: 0, hostname: '', since: '' } };
  }

  /** Gives the folder up (only if the lock file is still ours). */
  release(): void {
    if (readOwner(this.path)?.pid !== process.pid) return;
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}
