import { resolve } from 'node:path';
import { runCli } from '../../server/src/cli/main';

export const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

/** Runs the CLI in-process and captures its output and exit code. */
export async function cli(args: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}
