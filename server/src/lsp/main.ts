/**
 * Entry point of the Shipshape language server (`shipshape-language-server --stdio`, or `--node-ipc`
 * when started by the VS Code client).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write('shipshape-language-server 0.1.0\n');
  process.exit(0);
}
if (process.argv.includes('--help')) {
  process.stdout.write('usage: shipshape-language-server --stdio | --node-ipc | --socket=PORT\n');
  process.exit(0);
}
startServer(createConnection(ProposedFeatures.all));
