import { constants, promises as fs } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the server will not read: outside the workspace folders, not a regular file, or too large. */
export class FileAccessError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly tooLarge = false,
  ) {
    super(`${path} (${reason})`);
  }
}

/** Files larger than this are never read from disk (the parser refuses them anyway). */
export const MAX_READ_BYTES = 20 * 1024 * 1024;

/** Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK makes the open return at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function contains(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * What the server may read from disk: regular files inside the workspace folders (after resolving
 * symbolic links). FIFOs, devices and sockets would block a read (or never end); anything outside the
 * folders (e.g. `/etc/shadow`) is not the workspace's business.
 */
export class WorkspaceFiles {
  private roots: string[] = [];
  private realRoots: Promise<string[]> = Promise.resolve([]);

  /** The workspace folders (`file:` URIs; others are ignored). */
  setFolders(uris: readonly string[]): void {
    this.roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.realRoots = Promise.all(this.roots.map((r) => fs.realpath(r).catch(() => r)));
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  /** Is `path` inside a workspace folder, both as written and after resolving symbolic links? */
  async inside(path: string): Promise<boolean> {
    if (!this.roots.some((root) => contains(root, resolve(path)))) return false;
    const roots = await this.realRoots;
    let real: string;
    try {
      real = await fs.realpath(path);
    } catch (err) {
      throw new FileAccessError(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
    }
    return roots.some((root) => contains(root, real));
  }

  /** Reads a `file:` URI as UTF-8 if it is a regular file inside a workspace folder; throws FileAccessError otherwise. */
  async read(uri: string, maxBytes = MAX_READ_BYTES): Promise<string> {
    if (!uri.startsWith('file:')) throw new FileAccessError(uri, 'not a file on disk');
    const path = fileURLToPath(uri);
    if (!(await this.inside(path))) throw new FileAccessError(path, 'outside the workspace folders');
    return readRegularFile(path, maxBytes);
  }
}

/** Reads a regular file (checked on the open handle, so a file swapped for a FIFO meanwhile is refused too). */
export async function readRegularFile(path: string, maxBytes = MAX_READ_BYTES): Promise<string> {
  const stat = await fs.stat(path);
  if (!stat.isFile()) throw new FileAccessError(path, 'not a regular file');
  const handle = await fs.open(path, OPEN_FLAGS);
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new FileAccessError(path, 'not a regular file');
    if (opened.size > maxBytes)
      throw new FileAccessError(path, `${(opened.size / 1048576).toFixed(1)} MB, above the ${(maxBytes / 1048576).toFixed(0)} MB limit`, true);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
