import { isScalar, type Node } from 'yaml';
import type { FileRole } from '../analysis/fileRole';
import { locate, type JsonPath } from '../model/locate';
import { isRecord, splitApiVersion, type Resource } from '../model/resource';
import type { ParsedFile } from '../parse/parseFile';
import { isBuiltinClusterScoped } from '../workspace/scope';
import type { FeatureEnvironment } from './ports';
import type { DocumentLines } from './yaml/documentLines';
import { scalarText } from './yaml/lineShape';

/** One feature request: the file as the LanguageService parsed it (never re-parsed) and the environment. */
export interface FeatureRequest {
  file: ParsedFile;
  resources: readonly Resource[];
  role: FileRole;
  env: FeatureEnvironment;
}

/** What features need to know about the document around a position, even when it does not parse. */
export interface DocumentInfo {
  apiVersion?: string;
  kind?: string;
  group: string;
  /** Effective namespace ('' for cluster-scoped kinds). */
  namespace: string;
  /** The document's value as far as it could be read. */
  object: Record<string, unknown>;
  /** The resource, when the document parsed into one. */
  resource?: Resource;
  /** Lines of the root `apiVersion:` and `kind:` keys. */
  apiVersionLine?: number;
  kindLine?: number;
}

export function documentInfo(req: FeatureRequest, lines: DocumentLines): DocumentInfo {
  const resource = lines.parsed ? req.resources.find((r) => r.parsed === lines.parsed) : undefined;
  const object = resource?.object ?? readableValue(lines);
  const info: DocumentInfo = { group: '', namespace: '', object, resource };
  for (let l = lines.startLine; l <= lines.endLine; l++) {
    const s = lines.shape(l);
    if (s.indent !== 0 || s.dashes.length > 0 || s.key === undefined) continue;
    const value = scalarText(s.value);
    if (s.key === 'apiVersion') {
      info.apiVersionLine = l;
      if (value) info.apiVersion = value;
    } else if (s.key === 'kind') {
      info.kindLine = l;
      if (value) info.kind = value;
    }
  }
  info.group = info.apiVersion ? splitApiVersion(info.apiVersion).group : '';
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const written = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const clusterScoped = info.kind !== undefined && isBuiltinClusterScoped(info.group, info.kind);
  info.namespace = clusterScoped ? '' : (written ?? req.role.kustomizeNamespace ?? 'default');
  return info;
}

/** The document's JS value; for documents with errors, what the parser could still build. */
function readableValue(lines: DocumentLines): Record<string, unknown> {
  const parsed = lines.parsed;
  if (!parsed) return {};
  if (isRecord(parsed.value)) return parsed.value;
  try {
    const value: unknown = parsed.doc.contents?.toJSON();
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** The scalar at `path` of the parsed document, as a string (numbers and booleans included). */
export function scalarAt(lines: DocumentLines, path: JsonPath): string | undefined {
  if (!lines.parsed) return undefined;
  const found = locate(lines.parsed, path);
  if (found.depth !== path.length) return undefined;
  const node = found.node as Node | undefined;
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
