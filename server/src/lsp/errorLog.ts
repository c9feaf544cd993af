/**
 * Errors as the server writes them to its log. An error message may quote the document it failed on
 * (a parser's excerpt, a value), and document text — Secrets included — must not end up in logs: the
 * message is cut to its first line and a bounded length; the stack frames (code locations only) stay.
 */
const MAX_MESSAGE = 160;

export function describeError(err: unknown): string {
  const error = err instanceof Error ? err : undefined;
  const raw = error ? `${error.name}: ${error.message}` : String(err);
  const firstLine = raw.split('\n')[0];
  const message = firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}… (message shortened)` : firstLine;
  const frames = (error?.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12);
  return [message, ...frames].join('\n');
}
