import { locate, type JsonPath } from '../../model/locate';
import type { Resource } from '../../model/resource';
import type { Diagnostic } from '../../types';
import type { FeatureRequest } from '../request';
import type { CodeActionEntry, TextEdit } from '../types';
import type { YamlDocument } from './yamlEdits';

/** A diagnostic being fixed, with the resource it is about. */
export interface FixContext {
  req: FeatureRequest;
  diagnostic: Diagnostic;
  resource: Resource;
  /** `data.path` of the diagnostic. */
  path: JsonPath;
  doc: YamlDocument;
}

export function fixContext(req: FeatureRequest, diagnostic: Diagnostic): FixContext | undefined {
  const data = diagnostic.data;
  if (!data || !Array.isArray(data.path) || typeof data.documentIndex !== 'number') return undefined;
  const resource = req.resources.find((r) => r.documentIndex === data.documentIndex && r.listItem === data.listItem);
  // Edits locate fields from the document's root: items of list documents get no quick fixes.
  if (!resource || resource.listItem !== undefined) return undefined;
  return { req, diagnostic, resource, path: data.path, doc: { file: req.file, parsed: resource.parsed } };
}

/** A quick fix editing the request's file. */
export function fileFix(ctx: FixContext, title: string, edits: TextEdit[], isPreferred = false): CodeActionEntry {
  return { title, kind: 'quickfix', diagnostic: ctx.diagnostic, edit: { changes: { [ctx.req.file.uri]: edits } }, isPreferred };
}

/** True when the diagnostic's range is the key of the field at `path` (unknown fields), not its value. */
export function rangeIsKey(ctx: FixContext): boolean {
  const found = locate(ctx.resource.parsed, ctx.path);
  const key = found.depth === ctx.path.length ? found.pair?.key : undefined;
  if (!key?.range) return false;
  const start = ctx.req.file.lines.positionAt(ctx.resource.parsed.offset + key.range[0]);
  const d = ctx.diagnostic.range.start;
  return d.line === start.line && d.character === start.character;
}
