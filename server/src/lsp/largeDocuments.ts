/**
 * Huge documents (a 50,000-line generated manifest) are parsed and analyzed in time slices, so that
 * hover, completion and the other files' diagnostics are answered while they are being checked, and
 * work on a version that was superseded meanwhile stops early. Ordinary documents are handled
 * synchronously: their state is current the moment the next request arrives.
 */
import type { LanguageService } from '../core/service/languageService';
import type { Diagnostic } from '../core/types';

/** Texts from this many characters on (~12,000 lines of manifests) are handled in slices. */
export const SLICED_TEXT_LENGTH = 256 * 1024;

export function isLargeText(text: string): boolean {
  return text.length >= SLICED_TEXT_LENGTH;
}

/** Sliced updates in progress, so that the same version is not parsed twice (didOpen also reports a change). */
const inFlight = new WeakMap<LanguageService, Map<string, { version: number; text: string; done: Promise<ReadonlySet<string> | undefined> }>>();

/**
 * Gives the service a new text of a file. Returns the dependents (other files whose diagnostics may
 * have changed) — at once for ordinary texts, as a promise for huge ones, which resolves undefined
 * when `isStale` reported a newer version before the parse finished (nothing was changed).
 */
export function updateText(
  service: LanguageService,
  uri: string,
  text: string,
  version: number,
  isStale: () => boolean,
): ReadonlySet<string> | Promise<ReadonlySet<string> | undefined> {
  if (!isLargeText(text)) return service.update(uri, text, version);
  let running = inFlight.get(service);
  if (!running) inFlight.set(service, (running = new Map()));
  const current = running.get(uri);
  if (current && current.version === version && current.text === text) return current.done.then(() => new Set<string>());
  const done = service.updateSliced(uri, text, version, { isStale });
  const entry = { version, text, done };
  running.set(uri, entry);
  const forget = (): void => {
    if (running.get(uri) === entry) running.delete(uri);
  };
  done.then(forget, forget);
  return done;
}

/**
 * The final diagnostics of a file — at once for ordinary files, as a promise for huge ones, which
 * resolves undefined when the file changed before the analysis finished (the newer version publishes).
 */
export function fileDiagnostics(service: LanguageService, uri: string, isStale: () => boolean): Diagnostic[] | Promise<Diagnostic[] | undefined> {
  const state = service.get(uri);
  if (!state || !isLargeText(state.file.text)) return service.diagnostics(uri);
  return service.diagnosticsSliced(uri, { isStale });
}
