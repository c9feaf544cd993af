import type * as vscode from 'vscode';
import { CloseAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClient } from 'vscode-languageclient/node';

export interface RestartLoggingErrorHandler {
  /** The handler to pass in the client options. */
  readonly handler: ErrorHandler;
  /** Connects the handler to the client; languageclient's default handler needs the client instance. */
  attach(client: LanguageClient): void;
}

/**
 * Wraps languageclient's default error handler (restart the server unless it crashed more than
 * `maxRestarts` times in three minutes) and records each decision in the output channel.
 */
export function createRestartLoggingErrorHandler(log: vscode.LogOutputChannel, maxRestarts: number): RestartLoggingErrorHandler {
  let fallback: ErrorHandler | undefined;
  const defaults = (): ErrorHandler => {
    if (!fallback) throw new Error('The error handler was used before it was attached to a client.');
    return fallback;
  };
  let crashes = 0;

  const handler: ErrorHandler = {
    error(error, message, count): Promise<ErrorHandlerResult> | ErrorHandlerResult {
      log.error(`Connection to the language server failed (${count ?? 1}): ${error.message}`);
      return defaults().error(error, message, count);
    },
    async closed(): Promise<CloseHandlerResult> {
      crashes += 1;
      const result = await defaults().closed();
      if (result.action === CloseAction.Restart) {
        log.warn(`The language server stopped unexpectedly (crash ${crashes}); restarting it.`);
      } else {
        log.error(`The language server stopped unexpectedly (crash ${crashes}); it will not be restarted. ${result.message ?? ''}`.trim());
      }
      return result;
    },
  };

  return {
    handler,
    attach(client) {
      fallback = client.createDefaultErrorHandler(maxRestarts);
    },
  };
}
