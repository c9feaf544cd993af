import type { TopIndex } from './output';

interface RemovedEntry {
  apiVersion: string;
  kind: string;
  removedIn?: string;
}

/**
 * Consistency of schemas/removed-apis.json with the generated versions: every apiVersion/kind that
 * stops being served within the generated range needs an entry saying when, and no entry may claim
 * a removal while a later generated version still serves the kind.
 */
export function removalGaps(top: TopIndex, removed: { apis: RemovedEntry[] }): string[] {
  const problems: string[] = [];
  const newest = top.versions[top.versions.length - 1];
  const next = (version: string): string | undefined => top.versions[top.versions.indexOf(version) + 1];
  const byKey = new Map(removed.apis.map((e) => [`${e.apiVersion} ${e.kind}`, e]));
  for (const [apiVersion, kinds] of Object.entries(top.apis)) {
    for (const [kind, [, last]] of Object.entries(kinds)) {
      const entry = byKey.get(`${apiVersion} ${kind}`);
      if (last !== newest) {
        const expected = next(last);
        if (!entry?.removedIn) problems.push(`${apiVersion} ${kind} is not served after ${last} but schemas/removed-apis.json has no removal for it`);
        else if (entry.removedIn !== expected) problems.push(`${apiVersion} ${kind}: removed-apis.json says removed in ${entry.removedIn}, the definitions say ${expected}`);
      } else if (entry?.removedIn) {
        problems.push(`${apiVersion} ${kind}: removed-apis.json says removed in ${entry.removedIn}, but ${newest} still defines it`);
      }
    }
  }
  return problems;
}
