import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where `npm start` keeps its state, so that nothing it does touches tracked files: a working copy of
 * examples/ (created once, then kept with the user's edits) and the editor's own state (code-server's
 * user data: settings, and the workspace storage holding the saved simulated cluster).
 */
export interface WorkingCopy {
  /** <root>/.workspace, or $SHIPSHAPE_WORKSPACE_DIR. Deleting it starts over. */
  dir: string;
  /** The folder the editor opens: a copy of examples/. */
  examples: string;
  /** code-server's user data, extensions folder and log. */
  editorState: string;
}

export function workingCopyPaths(root: string, env: NodeJS.ProcessEnv = process.env): WorkingCopy {
  const dir = env.SHIPSHAPE_WORKSPACE_DIR ?? join(root, '.workspace');
  return { dir, examples: join(dir, 'examples'), editorState: join(dir, 'code-server') };
}

/**
 * Creates the working copy of examples/ unless it exists (`reset` deletes everything first).
 * Returns the lines that tell the user what happened.
 */
export function prepareWorkingCopy(root: string, copy: WorkingCopy, reset: boolean): string[] {
  const lines: string[] = [];
  const shown = displayPath(root, copy.dir);
  if (reset && existsSync(copy.dir)) {
    rmSync(copy.dir, { recursive: true, force: true });
    lines.push(`Reset: deleted ${shown} (the examples' working copy, the saved simulated cluster and the editor settings).`);
  }
  if (existsSync(copy.examples)) {
    lines.push(`Opening your working copy of examples/ in ${displayPath(root, copy.examples)} (kept between runs; \`npm start -- --reset\` starts over).`);
  } else {
    cpSync(join(root, 'examples'), copy.examples, { recursive: true });
    lines.push(
      `Created a working copy of examples/ in ${displayPath(root, copy.examples)}: edit freely, it is kept between runs (\`npm start -- --reset\` starts over).`,
    );
  }
  return lines;
}

function displayPath(root: string, path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') || inside === '' ? path : `${inside}/`;
}
