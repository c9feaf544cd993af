import type { KObject } from './types';
import { rfc3339 } from './util/time';

export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion?: string;
  fieldPath?: string;
}

/** One emission of an event, in the order it happened. `time` is virtual milliseconds since the start. */
export interface SimEvent {
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: string;
  host?: string;
  involvedObject: InvolvedObject;
  /** The correlator's count for this (source, object, type, reason, message) after this emission. */
  count: number;
}

/** How many recordings between two retention trims. */
const TRIM_EVERY = 1000;
/** The API server's default `--event-ttl`. */
export const EVENT_TTL_MS = 60 * 60_000;

function correlationKey(e: Pick<SimEvent, 'source' | 'type' | 'reason' | 'message' | 'involvedObject'>): string {
  return `${e.source}|${e.involvedObject.uid}|${e.involvedObject.fieldPath ?? ''}|${e.type}|${e.reason}|${e.message}`;
}

export interface EventState {
  stream: SimEvent[];
}

/**
 * Records events like client-go's recorder: every emission goes to the stream; identical events are
 * correlated (count and lastTimestamp) when shown as Event objects.
 */
export class EventRecorder {
  stream: SimEvent[] = [];
  private counts = new Map<string, number>();
  private listeners: ((event: SimEvent) => void)[] = [];
  private retentionMs: number | undefined;
  private sinceTrim = 0;

  constructor(private readonly epoch: number, private readonly now: () => number) {}

  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string, extra: { host?: string; fieldPath?: string } = {}): void {
    const involvedObject: InvolvedObject = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
    };
    if (extra.fieldPath) involvedObject.fieldPath = extra.fieldPath;
    const key = correlationKey({ source, type, reason, message, involvedObject });
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    const event: SimEvent = { time: this.now() - this.epoch, type, reason, message, source, involvedObject, count };
    if (extra.host) event.host = extra.host;
    this.stream.push(event);
    for (const listener of this.listeners) listener(event);
    if (this.retentionMs !== undefined && ++this.sinceTrim >= TRIM_EVERY) this.trim();
  }

  /**
   * Forgets events older than `ms` of virtual time, like the API server's `--event-ttl` (1 h by default),
   * so a long-lived cluster does not grow without bound. Unset (the default): keep everything, as a
   * headless scenario run reports every event.
   */
  retainFor(ms: number | undefined): void {
    this.retentionMs = ms;
    if (ms !== undefined) this.trim();
  }

  private trim(): void {
    this.sinceTrim = 0;
    if (this.retentionMs === undefined) return;
    const cutoff = this.now() - this.epoch - this.retentionMs;
    let keep = 0;
    while (keep < this.stream.length && this.stream[keep].time < cutoff) keep++;
    if (keep === 0) return;
    this.stream = this.stream.slice(keep);
    this.recount();
  }

  private recount(): void {
    this.counts.clear();
    for (const e of this.stream) this.counts.set(correlationKey(e), e.count);
  }

  /** Events as the API would list them: correlated, with counts and first/last timestamps. */
  toObjects(): KObject[] {
    const byKey = new Map<string, { first: SimEvent; last: SimEvent }>();
    for (const e of this.stream) {
      const key = correlationKey(e);
      const entry = byKey.get(key);
      if (entry) entry.last = e;
      else byKey.set(key, { first: e, last: e });
    }
    return [...byKey.values()].map(({ first, last }) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${first.involvedObject.name}.${((BigInt(first.time + this.epoch) * 1_000_000n) + BigInt(first.count)).toString(16)}`,
        namespace: first.involvedObject.namespace ?? 'default',
        uid: '',
        resourceVersion: '',
        creationTimestamp: rfc3339(first.time + this.epoch),
      },
      involvedObject: first.involvedObject,
      reason: first.reason,
      message: first.message,
      type: first.type,
      source: first.host ? { component: first.source, host: first.host } : { component: first.source },
      count: last.count,
      firstTimestamp: rfc3339(first.time + this.epoch),
      lastTimestamp: rfc3339(last.time + this.epoch),
    }));
  }

  export(): EventState {
    return { stream: this.stream.map((e) => ({ ...e, involvedObject: { ...e.involvedObject } })) };
  }

  import(state: EventState): void {
    this.stream = state.stream.map((e) => ({ ...e, involvedObject: { ...e.involvedObject } }));
    this.recount();
  }
}
