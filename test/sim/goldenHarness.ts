import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { runScenario } from '../../server/src/sim/scenario/run';
import { renderText } from '../../server/src/sim/scenario/text';
import type { ScenarioResult } from '../../server/src/sim/scenario/types';
import { DEFAULT_START_TIME } from '../../server/src/sim/simulation';

/** Golden scenarios live in test/sim/golden: `<name>.yaml` runs, `<name>.golden.txt` holds the expected report. */
export const GOLDEN_DIR = resolve(__dirname, '../../../test/sim/golden');

export interface GoldenOptions {
  /** Keeps only these event reasons in the report (all events when omitted). */
  reasons?: string[];
  /** Appends these kinds' objects (as JSON) from every snapshot, for fields the tables do not show. */
  dump?: string[];
}

/** Runs a golden scenario. */
export function runGoldenScenario(name: string): ScenarioResult {
  const path = join(GOLDEN_DIR, `${name}.yaml`);
  const scenario = parseFile(path, readFileSync(path, 'utf8')).documents[0].value;
  return runScenario(scenario, { readFile: (p) => readFileSync(resolve(dirname(path), p), 'utf8') });
}

/**
 * Renders the scenario's report with the CLI's printers (step output, kubectl tables at snapshots,
 * events) and compares it with `<name>.golden.txt`. `UPDATE_GOLDEN=1` rewrites the file instead.
 */
export function assertGolden(name: string, options: GoldenOptions = {}): ScenarioResult {
  const result = runGoldenScenario(name);
  const shown = options.reasons ? { ...result, events: result.events.filter((e) => options.reasons!.includes(e.reason)) } : result;
  let text = renderText(shown, DEFAULT_START_TIME);
  for (const snap of options.dump ? result.snapshots : []) {
    const objects = snap.objects.filter((o) => options.dump!.includes(o.kind));
    text += `\nOBJECTS at ${snap.label}\n${objects.map((o) => JSON.stringify(o, null, 1)).join('\n')}\n`;
  }
  const file = join(GOLDEN_DIR, `${name}.golden.txt`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  else {
    assert.ok(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
    assert.equal(text, readFileSync(file, 'utf8'), `${name}: the report differs from ${name}.golden.txt (UPDATE_GOLDEN=1 rewrites it after review)`);
  }
  return result;
}
