import { copyFileSync, constants, existsSync, linkSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The next free `<file>.bak.<n>`: one above the highest existing number, so older backups are never overwritten. */
export function nextBackupPath(path: string): string {
  const prefix = `${basename(path)}.bak.`;
  let highest = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(path));
  } catch {
    // no folder: the first backup
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const n = Number(name.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return join(dirname(path), `${prefix}${highest + 1}`);
}

/**
 * Moves `path` aside to a numbered backup (`.bak.1`, `.bak.2`, …) or, with `keep`, copies it there.
 * A hard link (or an exclusive copy) never replaces an existing backup, even when two processes race.
 * Returns the backup's path.
 */
export function backUp(path: string, keep = false): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const backup = nextBackupPath(path);
    if (existsSync(backup)) continue;
    try {
      if (keep) copyFileSync(path, backup, constants.COPYFILE_EXCL);
      else {
        linkSync(path, backup);
        unlinkSync(path);
      }
      return backup;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`no free backup name for ${path}`);
}
