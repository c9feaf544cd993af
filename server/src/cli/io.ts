/** Where a CLI command writes and which folder it resolves paths against (injected, so tests need no process). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Reads all of standard input (`shipshape check -`); absent where there is none. */
  readStdin?: () => Promise<string>;
}
