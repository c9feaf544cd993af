/**
 * `.shipshape.yaml`: project settings kept with the manifests, found upward from the checked path
 * (CLI) or the workspace folder (editor). Today it holds `presets` (opt-in rule packs or rule ids);
 * unknown keys are left for later versions and ignored.
 */
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { rulesEnabledBy } from '../rules/pack/presets';

export const PROJECT_CONFIG_FILE = '.shipshape.yaml';

export interface ProjectConfig {
  /** Absolute path of the file. */
  path: string;
  presets: string[];
  /** What could not be used, for the log or stderr: "unknown preset or rule 'x'". */
  problems: string[];
}

/** Reads a `.shipshape.yaml` text. Never throws: a broken file gives no presets and a problem. */
export function readProjectConfig(text: string, path: string): ProjectConfig {
  const config: ProjectConfig = { path, presets: [], problems: [] };
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    config.problems.push(`cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
    return config;
  }
  if (value === null || value === undefined) return config;
  if (typeof value !== 'object' || Array.isArray(value)) {
    config.problems.push(`${path}: expected a mapping`);
    return config;
  }
  const presets = (value as Record<string, unknown>).presets;
  if (presets === undefined) return config;
  const list = typeof presets === 'string' ? [presets] : Array.isArray(presets) ? presets : undefined;
  if (!list) {
    config.problems.push(`${path}: presets must be a list`);
    return config;
  }
  for (const p of list) {
    if (typeof p === 'string' && rulesEnabledBy(p)) config.presets.push(p);
    else config.problems.push(`${path}: unknown preset or rule '${String(p)}' (presets: best-practices, security, all, or a rule id of the pack)`);
  }
  return config;
}

/** The nearest `.shipshape.yaml` in `start` (a directory or a file's directory) or above it. */
export async function findProjectConfig(start: string): Promise<ProjectConfig | undefined> {
  let dir = resolve(start);
  try {
    if (!(await fs.stat(dir)).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    const path = join(dir, PROJECT_CONFIG_FILE);
    try {
      return readProjectConfig(await fs.readFile(path, 'utf8'), path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        return { path, presets: [], problems: [`cannot read ${path}: ${(err as Error).message}`] };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
