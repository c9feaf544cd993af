/**
 * Path arithmetic on document identifiers, which are either URIs (`file:///repo/a.yaml`, what the
 * language server sees) or plain paths (`/repo/a.yaml`, `C:\repo\a.yaml`, what the CLI may pass).
 * Only what Kustomize references need: parent folder, relative resolution, a canonical key.
 */

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//;

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** A canonical spelling for comparisons: decoded percent-escapes, forward slashes, no trailing slash. */
export function canonicalUri(uri: string): string {
  let out = toSlashes(uri);
  try {
    out = decodeURIComponent(out);
  } catch {
    // keep it as written
  }
  // VS Code writes `file:///c%3A/x`, other clients `file:///C:/x`: compare drive letters case-insensitively.
  out = out.replace(/^(file:\/\/\/)([A-Za-z]):/, (_, s: string, d: string) => `${s}${d.toLowerCase()}:`);
  return out.length > 1 && out.endsWith('/') ? out.slice(0, -1) : out;
}

/** Parent folder of a (canonical) uri or path. */
export function parentOf(uri: string): string {
  const c = canonicalUri(uri);
  const slash = c.lastIndexOf('/');
  if (slash < 0) return '.';
  if (SCHEME.test(c) && slash < c.indexOf('://') + 3) return c;
  return slash === 0 ? '/' : c.slice(0, slash);
}

/** The last path segment. */
export function baseName(uri: string): string {
  const c = canonicalUri(uri);
  return c.slice(c.lastIndexOf('/') + 1);
}

/** True for references Kustomize fetches from elsewhere (git, http); those are not workspace files. */
export function isRemoteReference(ref: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('git@') || ref.startsWith('github.com/')) return true;
  return ref.includes('?ref=') || (ref.includes('//') && !ref.startsWith('/'));
}

/** Resolves `ref` (relative or absolute path) against the folder `dir`, normalizing `.` and `..`. */
export function resolveIn(dir: string, ref: string): string {
  const base = canonicalUri(dir);
  const rel = toSlashes(ref);
  const schemeMatch = SCHEME.exec(base);
  const prefix = schemeMatch ? base.slice(0, base.indexOf('/', schemeMatch[0].length) < 0 ? base.length : base.indexOf('/', schemeMatch[0].length)) : '';
  const basePath = base.slice(prefix.length);
  const joined = rel.startsWith('/') ? rel : `${basePath}/${rel}`;
  const parts: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  const absolute = joined.startsWith('/') || prefix !== '';
  return canonicalUri(`${prefix}${absolute ? '/' : ''}${parts.join('/')}`);
}

/** A path relative to `fromDir` for messages ("../base/deploy.yaml"); the whole identifier when unrelated. */
export function relativePath(fromDir: string, uri: string): string {
  const from = canonicalUri(fromDir).split('/');
  const to = canonicalUri(uri).split('/');
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  if (i < 3 && SCHEME.test(canonicalUri(uri))) return baseName(uri);
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/') || baseName(uri);
}
