import type { Resource } from '../../core/model/resource';

/** Longest short reason a lens title shows; the tooltip has the API server's whole message. */
const SHORT_REASON_CHARS = 80;

interface Refusal {
  message: string;
  /** The document's object when it was refused: an edited document no longer shows the refusal. */
  object: string;
}

/**
 * The last refused apply of each document, so its lens can say `✖ refused: <short reason>` until the
 * document is applied, edited, or closed.
 */
export class RefusalMemory {
  private readonly byDocument = new Map<string, Refusal>();

  refused(resource: Resource, message: string): void {
    this.byDocument.set(key(resource), { message, object: JSON.stringify(resource.object) });
  }

  applied(resource: Resource): void {
    this.byDocument.delete(key(resource));
  }

  forgetFile(uri: string): void {
    for (const k of [...this.byDocument.keys()]) if (k.startsWith(`${uri}#`)) this.byDocument.delete(k);
  }

  clear(): void {
    this.byDocument.clear();
  }

  /** The API server's message for this document's last apply, if it was refused and the document is unchanged. */
  messageFor(resource: Resource): string | undefined {
    const refusal = this.byDocument.get(key(resource));
    return refusal && refusal.object === JSON.stringify(resource.object) ? refusal.message : undefined;
  }
}

function key(resource: Resource): string {
  return `${resource.uri}#${resource.documentIndex}`;
}

/**
 * The heart of a refusal for a lens title: `namespaces "shop" not found`, `spec.replicas: Invalid
 * value: "3": …`, `no matches for kind "Ingress" in version "extensions/v1beta1"`.
 */
export function shortReason(message: string): string {
  let reason = message.split('\n')[0].trim();
  reason = reason.replace(/^Error from server \([^)]*\): /, '').replace(/^error when (?:creating|applying patch|replacing) "[^"]*": /, '');
  let more = '';
  const invalid = reason.match(/^The \S+ "[^"]*" is invalid: (.*)$/);
  if (invalid) {
    const causes = invalid[1].startsWith('[') && invalid[1].endsWith(']') ? splitCauses(invalid[1].slice(1, -1)) : [invalid[1]];
    reason = causes[0];
    if (causes.length > 1) more = ` (+${causes.length - 1} more)`;
  }
  const parsing = reason.match(/^error: error parsing [^:]*: (line \d+: .*)$/);
  if (parsing) reason = parsing[1];
  const mapping = reason.match(/: (no matches for kind .*)$/);
  if (mapping) reason = mapping[1];
  reason = reason.replace(/^error: /, '');
  const room = SHORT_REASON_CHARS - more.length;
  return (reason.length > room ? `${reason.slice(0, room - 1)}…` : reason) + more;
}

/** Splits `a: x, b: y` at the commas that start a new field error (a field path followed by ": "). */
function splitCauses(list: string): string[] {
  return list.split(/, (?=[\w.[\]/-]+: )/);
}
