/**
 * Entry point of the Shipshape language server (`shipshape-language-server --stdio`, or `--node-ipc`
 * when started by the VS Code client).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './errorLog';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write('shipshape-language-server 0.1.0\n');
  process.exit(0);
}
if (process.argv.includes('--help')) {
  process.stdout.write('usage: shipshape-language-server --stdio | --node-ipc | --socket=PORT\n');
  process.exit(0);
}
// A failure in one handler must not take the server down: the editor would lose every feature for
// every file. Request handlers already answer with an error; this catches what escapes elsewhere.
process.on('uncaughtException', (err) => {
  // The client is gone (its end of the pipe closed): nobody is left to serve.
  if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(1);
  process.stderr.write(`shipshape-language-server: uncaught exception: ${describeError(err)}\n`);
});
process.on('unhandledRejection', (reason) => process.stderr.write(`shipshape-language-server: unhandled rejection: ${describeError(reason)}\n`));
startServer(createConnection(ProposedFeatures.all));
