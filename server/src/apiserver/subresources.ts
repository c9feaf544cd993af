import { deleteObject } from '../sim/store/api';
import type { KObject, Pod } from '../sim/types';
import { clone } from '../sim/util/clone';
import { selectorString } from '../sim/util/labels';
import { isRecord } from '../sim/util/record';
import { decodeBody } from './body';
import { json, type ApiResponse, type RequestContext } from './context';
import { podLog } from './logs';
import { getObject, served } from './objects';
import { patchSubresource } from './patch';
import type { ResourceRoute } from './router';
import { ApiFailure, badRequest, methodNotAllowed, notFound, success } from './status';
import { fromSimError, targetOf, updateThrough, writeContext } from './writes';

/** status, scale, log, eviction, binding; exec/attach/portforward/proxy answered with a clear refusal. */

type SubRoute = ResourceRoute & { name: string; subresource: string };

export function subresource(ctx: RequestContext, r: SubRoute): ApiResponse {
  switch (r.subresource) {
    case 'status':
      return status(ctx, r);
    case 'scale':
      return scale(ctx, r);
    case 'log':
      if (ctx.method !== 'GET') throw methodNotAllowed();
      return podLog(ctx, mustGet(ctx, r) as Pod, ctx.query);
    case 'eviction':
      if (ctx.method !== 'POST') throw methodNotAllowed();
      return evict(ctx, r);
    case 'binding':
      if (ctx.method !== 'POST') throw methodNotAllowed();
      return bind(ctx, r, decodeBody(ctx.body, ctx.contentType));
    case 'exec':
    case 'attach':
    case 'portforward':
    case 'proxy':
      mustGet(ctx, r);
      throw new ApiFailure(
        400,
        'BadRequest',
        `${r.subresource === 'portforward' ? 'port-forward' : r.subresource} is not available: the simulated cluster does not run containers, so ${r.info.singular} "${r.name}" has no process to ${r.subresource === 'exec' ? 'run commands in' : r.subresource === 'attach' ? 'attach to' : 'connect to'}. kubectl logs shows the simulated container output.`,
      );
    default:
      throw methodNotAllowed();
  }
}

function mustGet(ctx: RequestContext, r: SubRoute): KObject {
  const obj = getObject(ctx.cluster, r.info, r.namespace, r.name);
  if (!obj) throw notFound(targetOf(r.info, r.name));
  return obj;
}

function status(ctx: RequestContext, r: SubRoute): ApiResponse {
  switch (ctx.method) {
    case 'GET':
      return json(200, served(mustGet(ctx, r), r.info));
    case 'PUT': {
      const body = decodeBody(ctx.body, ctx.contentType);
      if (!isRecord(body)) throw badRequest('the request body is not an object');
      const input = { ...(body as unknown as KObject), metadata: { ...((body as unknown as KObject).metadata ?? {}), name: r.name, namespace: r.namespace } };
      return json(200, served(updateThrough(writeContext(ctx), r.info, input, { status: true }), r.info));
    }
    case 'PATCH':
      return patchSubresource(
        ctx,
        r,
        (obj) => obj,
        (patched) => json(200, served(updateThrough(writeContext(ctx), r.info, patched, { status: true }), r.info)),
      );
    default:
      throw methodNotAllowed();
  }
}

/** autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet. */
function scaleOf(obj: KObject): Record<string, unknown> {
  const spec = obj.spec as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const st = (obj.status ?? {}) as { replicas?: number };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: st.replicas ?? 0, selector: selectorString(spec.selector as never) },
  };
}

function scale(ctx: RequestContext, r: SubRoute): ApiResponse {
  const obj = mustGet(ctx, r);
  const write = (replicas: unknown, rv: unknown): ApiResponse => {
    if (typeof replicas !== 'number' || !Number.isInteger(replicas))
      throw badRequest('Scale in version "v1" cannot be handled as a Scale: spec.replicas must be an integer');
    if (replicas < 0)
      throw new ApiFailure(
        422,
        'Invalid',
        `Scale.autoscaling "${r.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
        {
          name: r.name,
          group: 'autoscaling',
          kind: 'Scale',
          causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' }],
        },
      );
    const next = clone(obj);
    (next.spec as { replicas?: number }).replicas = replicas;
    next.metadata.resourceVersion = typeof rv === 'string' && rv ? rv : obj.metadata.resourceVersion;
    return json(200, scaleOf(updateThrough(writeContext(ctx), r.info, next)));
  };
  switch (ctx.method) {
    case 'GET':
      return json(200, scaleOf(obj));
    case 'PUT': {
      const body = decodeBody(ctx.body, ctx.contentType) as { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: unknown } } | undefined;
      return write(body?.spec?.replicas, body?.metadata?.resourceVersion);
    }
    case 'PATCH':
      return patchSubresource(
        ctx,
        r,
        () => scaleOf(obj) as unknown as KObject,
        (patched) => write((patched.spec as { replicas?: unknown })?.replicas, undefined),
      );
    default:
      throw methodNotAllowed();
  }
}

/**
 * The eviction decision. Without PodDisruptionBudgets every eviction is allowed; a budget check
 * returns the API server's 429 refusal text instead of undefined.
 */
export type EvictionCheck = (ctx: RequestContext, pod: Pod) => ApiFailure | undefined;
export const evictionAllowed: EvictionCheck = () => undefined;

function evict(ctx: RequestContext, r: SubRoute): ApiResponse {
  const pod = mustGet(ctx, r) as Pod;
  const refusal = evictionAllowed(ctx, pod);
  if (refusal) throw refusal;
  const body = decodeBody(ctx.body, ctx.contentType);
  const options = isRecord(body) && isRecord(body.deleteOptions) ? body.deleteOptions : {};
  if (writeContext(ctx).dryRun) return json(201, success());
  try {
    deleteObject(ctx.cluster.ctx, pod, { gracePeriodSeconds: typeof options.gracePeriodSeconds === 'number' ? options.gracePeriodSeconds : undefined });
    ctx.cluster.settle();
  } catch (err) {
    throw fromSimError(err, r.info, r.name);
  }
  return json(201, success());
}

function bind(ctx: RequestContext, r: SubRoute, body: unknown): ApiResponse {
  const pod = mustGet(ctx, r) as Pod;
  const target = isRecord(body) && isRecord(body.target) ? body.target : undefined;
  if (!target || typeof target.name !== 'string') throw badRequest('Binding in version "v1" cannot be handled as a Binding: target.name is required');
  if (pod.spec.nodeName)
    throw new ApiFailure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${r.name}": pod ${r.name} is already assigned to node "${pod.spec.nodeName}"`,
      { name: r.name, kind: 'pods/binding' },
    );
  if (!ctx.cluster.store.get('Node', undefined, target.name))
    throw new ApiFailure(404, 'NotFound', `nodes "${target.name}" not found`, { name: target.name, kind: 'nodes' });
  ctx.cluster.store.mutate(pod, (p) => {
    p.spec.nodeName = target.name as string;
  });
  ctx.cluster.settle();
  return json(201, success());
}
