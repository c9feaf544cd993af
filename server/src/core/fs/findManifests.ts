import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
export const MANIFEST_EXTENSIONS = ['.yaml', '.yml'];

/**
 * Recursively lists manifest files under `root` (sorted, deterministic), skipping node_modules and VCS
 * folders. `extensions` defaults to .yaml/.yml; the CLI adds .json.
 */
export async function findManifests(root: string, extensions: readonly string[] = MANIFEST_EXTENSIONS, exclude?: (path: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (exclude?.(full)) continue;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(full);
      } else if (e.isFile() && extensions.some((x) => e.name.toLowerCase().endsWith(x))) {
        out.push(full);
      }
    }
  }
  return out.sort();
}
