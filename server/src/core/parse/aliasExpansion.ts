import { isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';

/**
 * Nodes that alias expansion may add to one document. The yaml library's alias-count guard stops
 * billion-laughs nesting, but not fan-out: one anchor of 200,000 items aliased by 99 fields passes it
 * and expands to 20 million nodes. Real manifests reuse small fragments.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

export const ALIAS_FANOUT_MESSAGE = `Document could not be read: its aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} extra nodes, which indicates a resource exhaustion attack`;

/**
 * Whether expanding the aliases of `doc` adds more than `limit` nodes. One walk in document order:
 * an alias counts the size of the node its anchor last named before it (memoized), so the cost is
 * linear in the size of the document as written.
 */
export function exceedsAliasExpansion(doc: Document.Parsed, limit = MAX_ALIAS_EXPANSION): boolean {
  return aliasExpansion(doc, limit) !== 'ok';
}

/**
 * 'fan-out' when aliases of flat anchors add more than `limit` nodes; 'nested' when the anchors that
 * blow up hold aliases themselves (billion laughs, which the yaml library's own guard reports).
 */
export function aliasExpansion(doc: Document.Parsed, limit = MAX_ALIAS_EXPANSION): 'ok' | 'fan-out' | 'nested' {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const holdsAliases = new Set<Node>();
  let added = 0;
  let nested = false;
  let aliasesSeen = 0;
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      aliasesSeen++;
      const source = anchors.get(node.source);
      const n = source ? (sizes.get(source) ?? 1) : 1;
      if (source && holdsAliases.has(source)) nested = true;
      added += n;
      return n;
    }
    const before = aliasesSeen;
    if (!node || typeof node !== 'object') return 1;
    let n = 1;
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair)) n += size(pair.key) + size(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) n += size(item);
    }
    if (added > limit) return n;
    const anchored = node as Node;
    sizes.set(anchored, n);
    if (aliasesSeen > before) holdsAliases.add(anchored);
    if (anchored.anchor) anchors.set(anchored.anchor, anchored);
    return n;
  };
  size(doc.contents);
  if (added <= limit) return 'ok';
  return nested ? 'nested' : 'fan-out';
}
