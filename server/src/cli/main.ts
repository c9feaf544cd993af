/** `shipshape` command-line entry: `shipshape check …` and `shipshape simulate …`. */
import { runCheck } from './check';
import type { CliIo } from './io';
import { runSimulate } from './simulate';
import { runServe, SERVE_USAGE } from './serve';
import { DEFAULT_SETTINGS } from '../core/analysis/settings';
import { createDefaultEnvironment } from '../core/service/defaultEnvironment';
import { createObjectValidator } from '../core/service/objectValidator';

export const USAGE = `usage:
  shipshape check [PATH...|-] [--stdin-filename NAME] [--format text|json|sarif] [--kubernetes-version X.Y] [--max-warnings N]
                  [--enable best-practices|security|all|RULE]...  (also "presets:" in .shipshape.yaml)
  shipshape simulate SCENARIO.yaml [--json]
  shipshape cluster serve [--port N] [--kubeconfig FILE] [--state DIR] [--speed 1|5|20|max] [--nodes N]
  shipshape --version | --help

Exit codes (check): 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage or internal error.`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'simulate':
        return await runSimulate(rest, { ...io, validator: createObjectValidator(createDefaultEnvironment(), DEFAULT_SETTINGS) });
      case 'cluster':
        if (rest[0] !== 'serve') {
          io.stderr((rest[0] ? `unknown cluster command '${rest[0]}'\n` : '') + SERVE_USAGE);
          return 2;
        }
        return await runServe(rest.slice(1), { ...io, validator: createObjectValidator(createDefaultEnvironment(), DEFAULT_SETTINGS) });
      case '--version':
      case '-v':
        io.stdout('shipshape 0.1.0\n');
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE + '\n');
        return 0;
      default:
        io.stderr((command ? `unknown command '${command}'\n` : '') + USAGE + '\n');
        return 2;
    }
  } catch (err) {
    io.stderr(`shipshape: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), readStdin };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
