/** Converts simulator values to the protocol's shapes (protocol.ts). */
import type { SimEvent } from '../../sim/events';
import type { KObject } from '../../sim/types';
import type { ClusterEvent, KubeObject, ObjectRef } from '../protocol';

/** The simulator's objects already have the API's shape; this only narrows the type. */
export function toKubeObject(obj: KObject): KubeObject {
  return obj;
}

export function refOf(obj: KObject): ObjectRef {
  return obj.metadata.namespace === undefined
    ? { kind: obj.kind, name: obj.metadata.name }
    : { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
}

export function toClusterEvent(event: SimEvent): ClusterEvent {
  const { kind, namespace, name } = event.involvedObject;
  return {
    time: event.time,
    type: event.type,
    reason: event.reason,
    message: event.message,
    source: event.source,
    count: event.count,
    involvedObject: namespace === undefined ? { kind, name } : { kind, namespace, name },
  };
}
