/**
 * Messages quote values from the file (a key, an image name). A hostile or broken file can hold a
 * value of megabytes on one line; quoted in full it would flood the Problems panel, the CLI output and
 * the LSP traffic. Long runs of non-space characters are shortened in the middle, and the message as a
 * whole is capped.
 */
export const MAX_RUN = 120;
export const MAX_MESSAGE = 2000;

export function boundedMessage(message: string): string {
  if (message.length <= MAX_RUN) return message;
  const shortened = message.replace(
    new RegExp(`\\S{${MAX_RUN + 1},}`, 'g'),
    (run) => `${run.slice(0, 60)}…(${run.length.toLocaleString('en-US')} characters)…${run.slice(-20)}`,
  );
  return shortened.length <= MAX_MESSAGE ? shortened : `${shortened.slice(0, MAX_MESSAGE - 1)}…`;
}
