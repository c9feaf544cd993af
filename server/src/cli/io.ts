/** Where a CLI command writes and which folder it resolves paths against (injected, so tests need no process). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}
