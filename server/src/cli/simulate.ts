import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isSecretObject, maskSecret } from '../core/model/secrets';
import { parseFile } from '../core/parse/parseFile';
import { runScenario, ScenarioError } from '../sim/scenario/run';
import { renderText } from '../sim/scenario/text';
import { DEFAULT_START_TIME } from '../sim/simulation';
import type { ObjectValidator } from '../sim/store/validation';

export interface SimulateIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  /** Validates applied objects (the schema layer); optional. */
  validator?: ObjectValidator;
}

const USAGE = 'usage: shipshape simulate SCENARIO.yaml [--json] [--reveal-secrets]\n';

/**
 * `shipshape simulate SCENARIO.yaml [--json] [--reveal-secrets]`: runs a scenario on a fresh simulated
 * cluster. Secret values (data, stringData, kubectl's last-applied copy) are masked in the output, like
 * in the cluster panel, unless `--reveal-secrets` is given.
 * Exit code 0 when every step succeeded, 1 when a step failed (rejected apply, waitFor timeout),
 * 2 for usage errors and unreadable scenarios.
 */
export async function runSimulate(argv: string[], io: SimulateIo): Promise<number> {
  const json = argv.includes('--json');
  const reveal = argv.includes('--reveal-secrets');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--reveal-secrets');
  if (positional.length !== 1 || unknown.length > 0) {
    io.stderr(unknown.length > 0 ? `error: unknown flag ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const scenarioPath = isAbsolute(positional[0]) ? positional[0] : resolve(io.cwd, positional[0]);
  let text: string;
  try {
    text = readFileSync(scenarioPath, 'utf8');
  } catch (err) {
    io.stderr(`error: cannot read ${positional[0]}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const file = parseFile(scenarioPath, text);
  const syntax = file.syntaxDiagnostics.find((d) => d.severity === 'error');
  if (syntax || file.documents.length === 0) {
    io.stderr(`error: ${positional[0]}:${(syntax?.range.start.line ?? 0) + 1}: ${syntax?.message ?? 'empty scenario'}\n`);
    return 2;
  }
  const baseDir = dirname(scenarioPath);
  try {
    const result = runScenario(file.documents[0].value, {
      readFile: (path) => readFileSync(isAbsolute(path) ? path : resolve(baseDir, path), 'utf8'),
      validator: io.validator,
    });
    if (json) io.stdout(JSON.stringify(reveal ? result : maskSecretsDeep(result)) + '\n');
    else io.stdout(renderText(result, DEFAULT_START_TIME));
    return result.failures.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.stderr(`error: ${positional[0]}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** A copy of `value` in which every Secret, wherever it sits (final objects, timeline entries), is masked. */
export function maskSecretsDeep(value: unknown): unknown {
  if (isSecretObject(value)) return maskSecret(value);
  if (Array.isArray(value)) return value.map(maskSecretsDeep);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskSecretsDeep(item);
  return out;
}
