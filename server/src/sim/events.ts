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
    const key = `${source}|${obj.metadata.uid}|${extra.fieldPath ?? ''}|${type}|${reason}|${message}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    const event: SimEvent = { time: this.now() - this.epoch, type, reason, message, source, involvedObject, count };
    if (extra.host) event.host = extra.host;
    this.stream.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Events as the API would list them: correlated, with counts and first/last timestamps. */
  toObjects(): KObject[] {
    const byKey = new Map<string, { first: SimEvent; last: SimEvent }>();
    for (const e of this.stream) {
      const key = `${e.source}|${e.involvedObject.uid}|${e.involvedObject.fieldPath ?? ''}|${e.type}|${e.reason}|${e.message}`;
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
    this.counts.clear();
    for (const e of this.stream) {
      const key = `${e.source}|${e.involvedObject.uid}|${e.involvedObject.fieldPath ?? ''}|${e.type}|${e.reason}|${e.message}`;
      this.counts.set(key, e.count);
    }
  }
}
