/**
 * The event stream as people read it: identical emissions folded into one line with a count (like
 * `kubectl get events` and `kubectl describe`), newest first, filtered by text, type, namespace or
 * object.
 */
import type { ClusterEvent, ObjectRef } from '../../../../server/src/lsp/protocol';
import { humanDuration } from '../../../../server/src/sim/util/duration';

export type EventTypeFilter = 'all' | 'Normal' | 'Warning';

export interface EventQuery {
  text?: string;
  type?: EventTypeFilter;
  namespace?: string;
  /** Only events about this object. */
  object?: ObjectRef;
}

export interface EventLine {
  key: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `source` of the event (the component that reported it). */
  from: string;
  object: ObjectRef;
  count: number;
  /** Virtual ms since the cluster's start of the first and the last emission. */
  firstTime: number;
  lastTime: number;
}

function foldKey(e: ClusterEvent): string {
  const o = e.involvedObject;
  return `${e.source}|${o.kind}/${o.namespace ?? ''}/${o.name}|${e.type}|${e.reason}|${e.message}`;
}

/** Folds identical emissions (same source, object, type, reason and message), newest first. */
export function foldEvents(events: readonly ClusterEvent[]): EventLine[] {
  const lines = new Map<string, EventLine>();
  for (const e of events) {
    const key = foldKey(e);
    const line = lines.get(key);
    if (line) {
      line.count = Math.max(line.count + 1, e.count);
      line.lastTime = Math.max(line.lastTime, e.time);
      line.firstTime = Math.min(line.firstTime, e.time);
    } else {
      lines.set(key, {
        key,
        type: e.type,
        reason: e.reason,
        message: e.message,
        from: e.source,
        object: e.involvedObject,
        count: Math.max(1, e.count),
        firstTime: e.time,
        lastTime: e.time,
      });
    }
  }
  return [...lines.values()].sort((a, b) => b.lastTime - a.lastTime || (a.key < b.key ? -1 : 1));
}

export function matchesEvent(line: EventLine, query: EventQuery): boolean {
  if (query.type && query.type !== 'all' && line.type !== query.type) return false;
  if (query.namespace !== undefined && line.object.namespace !== query.namespace) return false;
  if (query.object) {
    const o = query.object;
    if (line.object.kind !== o.kind || line.object.name !== o.name || (line.object.namespace ?? '') !== (o.namespace ?? '')) return false;
  }
  const text = query.text?.trim().toLowerCase();
  if (text) {
    const haystack =
      `${line.type} ${line.reason} ${line.message} ${line.from} ${line.object.kind}/${line.object.name} ${line.object.namespace ?? ''}`.toLowerCase();
    if (!text.split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  return true;
}

export function filterEvents(events: readonly ClusterEvent[], query: EventQuery): EventLine[] {
  return foldEvents(events).filter((line) => matchesEvent(line, query));
}

/**
 * kubectl describe's Age column: `5m`, or `5m (x3 over 10m)` when the event happened more than once
 * (age of the last emission, count, age of the first).
 */
export function eventAge(line: EventLine, now: number): string {
  const last = humanDuration(now - line.lastTime);
  if (line.count <= 1) return last;
  return `${last} (x${line.count} over ${humanDuration(now - line.firstTime)})`;
}
