/**
 * apiVersion/kind pairs of the chosen Kubernetes version. Picking a kind also writes its apiVersion
 * (replacing a wrong one, or adding the line when the kind was typed first); in a document without
 * a kind, a pair inserts both lines.
 */
import type { Position } from '../../types';
import { customTypesOf } from '../../workspace/crds';
import type { KindInfo } from '../ports';
import { fileName } from '../references/describe';
import type { CompletionEntry, TextEdit } from '../types';
import { lineShape } from '../yaml/lineShape';
import type { CompletionScope } from './scope';

/** Kinds the version serves, then the kinds CustomResourceDefinitions of the workspace define. */
function kinds(scope: CompletionScope): readonly KindInfo[] {
  const served = scope.req.env.schema.kinds(scope.req.env.kubernetesVersion);
  const custom: KindInfo[] = [];
  for (const entry of scope.req.env.workspace.resources()) {
    if (entry.resource.kind !== 'CustomResourceDefinition') continue;
    for (const type of customTypesOf(entry.resource)) {
      type.versions.forEach((version, i) => {
        custom.push({
          apiVersion: `${type.group}/${version}`,
          kind: type.kind,
          namespaced: !type.clusterScoped,
          preferred: i === 0,
          description: `Custom resource defined in ${fileName(type.uri)}.`,
        });
      });
    }
  }
  return custom.length > 0 ? [...served, ...custom] : served;
}

function rank(k: KindInfo, apiVersion: string | undefined): string {
  if (k.apiVersion === apiVersion) return '0';
  if (k.deprecated) return '3';
  return k.preferred ? '1' : '2';
}

/** The edit that makes the document's apiVersion `apiVersion`, or none when it already is. */
function apiVersionEdit(scope: CompletionScope, apiVersion: string, insertAt: Position): TextEdit | undefined {
  const { info, ctx } = scope;
  if (info.apiVersion === apiVersion) return undefined;
  if (info.apiVersionLine === undefined) return { range: { start: insertAt, end: insertAt }, newText: `apiVersion: ${apiVersion}\n` };
  const text = ctx.lines.text(info.apiVersionLine);
  const shape = lineShape(text);
  const start = { line: info.apiVersionLine, character: shape.valueColumn };
  const end = { line: info.apiVersionLine, character: Math.max(shape.valueColumn + shape.value.length, shape.valueColumn) };
  return { range: { start, end }, newText: apiVersion };
}

/** Values for `kind: |`. */
export function kindValueItems(scope: CompletionScope): CompletionEntry[] {
  const insertAt = { line: scope.ctx.line, character: 0 };
  return kinds(scope).map((k) => {
    const edit = apiVersionEdit(scope, k.apiVersion, insertAt);
    return {
      label: k.kind,
      kind: 'kind',
      detail: `${k.apiVersion}${k.deprecated ? ' (deprecated)' : ''}`,
      documentation: k.description,
      insertText: k.kind,
      snippet: false,
      range: scope.ctx.range,
      filterText: k.kind,
      sortText: `${rank(k, scope.info.apiVersion)}${k.kind} ${k.apiVersion}`,
      additionalEdits: edit ? [edit] : undefined,
    };
  });
}

/** Values for `apiVersion: |`: the apiVersions serving the document's kind, or all of them. */
export function apiVersionValueItems(scope: CompletionScope): CompletionEntry[] {
  const kind = scope.info.kind;
  const all = kinds(scope);
  const matching = kind ? all.filter((k) => k.kind === kind) : [];
  if (matching.length > 0) {
    return matching.map((k) => ({
      label: k.apiVersion,
      kind: 'kind',
      detail: `${k.kind}${k.deprecated ? ' (deprecated)' : ''}`,
      insertText: k.apiVersion,
      snippet: false,
      range: scope.ctx.range,
      sortText: `${rank(k, undefined)}${k.apiVersion}`,
      preselect: k.preferred,
    }));
  }
  const seen = new Map<string, string[]>();
  for (const k of all) seen.set(k.apiVersion, [...(seen.get(k.apiVersion) ?? []), k.kind]);
  return [...seen].map(([apiVersion, names]) => ({
    label: apiVersion,
    kind: 'kind',
    detail: names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : ''),
    insertText: apiVersion,
    snippet: false,
    range: scope.ctx.range,
  }));
}

/** Root keys of a document without a kind: one item per apiVersion/kind pair. */
export function kindPairItems(scope: CompletionScope): CompletionEntry[] {
  const { ctx, info } = scope;
  if (ctx.keyHasColon) return [];
  const indent = ' '.repeat(ctx.column);
  const hasMetadata = ctx.siblings.some((s) => s.key === 'metadata');
  return kinds(scope).map((k) => {
    let insertText: string;
    let additionalEdits: TextEdit[] | undefined;
    if (info.apiVersionLine !== undefined) {
      insertText = `kind: ${k.kind}`;
      const edit = apiVersionEdit(scope, k.apiVersion, ctx.range.start);
      additionalEdits = edit ? [edit] : undefined;
    } else {
      insertText = `apiVersion: ${k.apiVersion}\n${indent}kind: ${k.kind}`;
    }
    if (scope.snippets && !hasMetadata) insertText += `\n${indent}metadata:\n${indent}  name: \${1:name}\n${indent}$0`;
    return {
      label: k.kind,
      kind: 'kind',
      detail: `${k.apiVersion}${k.deprecated ? ' (deprecated)' : ''}`,
      documentation: k.description,
      insertText,
      snippet: scope.snippets && !hasMetadata,
      range: ctx.range,
      filterText: k.kind,
      sortText: `${rank(k, info.apiVersion)}${k.kind} ${k.apiVersion}`,
      additionalEdits,
    };
  });
}
