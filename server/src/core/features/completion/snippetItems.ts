/**
 * The resource snippets of snippets/kubernetes.json as completion items, so that editors without
 * VS Code's snippet contribution get them from the language server. Offered only in an empty document.
 */
import catalog from '../../../../../snippets/kubernetes.json';
import { expandSnippet } from '../snippets/expand';
import type { CompletionEntry } from '../types';
import type { CompletionScope } from './scope';

export interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

export const SNIPPETS: Record<string, SnippetDefinition> = catalog;

export function snippetBody(s: SnippetDefinition): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

/** True when the document at the cursor holds nothing but the word being typed. */
export function documentIsEmpty(scope: CompletionScope): boolean {
  const { lines, line } = scope.ctx;
  for (let l = lines.startLine; l <= lines.endLine; l++) if (l !== line && !lines.shape(l).blank) return false;
  return true;
}

export function snippetItems(scope: CompletionScope): CompletionEntry[] {
  if (scope.ctx.column !== 0 || !documentIsEmpty(scope)) return [];
  return Object.entries(SNIPPETS).map(([name, s]) => {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    const body = snippetBody(s);
    return {
      label: prefixes[0],
      kind: 'snippet',
      detail: s.description ?? name,
      documentation: '```yaml\n' + expandSnippet(body) + '\n```',
      insertText: scope.snippets ? body : expandSnippet(body),
      snippet: scope.snippets,
      range: scope.ctx.range,
      filterText: prefixes.join(' '),
      sortText: `9${prefixes[0]}`,
    };
  });
}
