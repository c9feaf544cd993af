import type { KObject } from '../sim/types';
import { json, type ApiResponse, type RequestContext, type WatchStream } from './context';
import { getObject, listObjects, listOf, served } from './objects';
import { groupVersion, type ResourceInfo } from './registry';
import type { ResourceRoute } from './router';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { gone, notFound } from './status';
import { includeObjectParam, tableRow, toTable, wantsTable, columnDefinitions } from './table';
import { deliveryFor, type WatchFilter, type WatchType } from './watch';
import { targetOf } from './writes';

/** GET of one object, a list, or a watch. */

/** Encoded watch lines per stored object version: a change watched by many clients is encoded once. */
const encoded = new WeakMap<KObject, Partial<Record<WatchType, string>>>();

function encodedEvent(type: WatchType, object: KObject, info: ResourceInfo): string {
  let byType = encoded.get(object);
  if (!byType) encoded.set(object, (byType = {}));
  return (byType[type] ??= `${JSON.stringify({ type, object: served(object, info) })}\n`);
}

/** Longest watch before the server closes it (clients reconnect), like the API server's default range. */
const MAX_WATCH_SECONDS = 1800;

export function getOne(ctx: RequestContext, r: ResourceRoute & { name: string }): ApiResponse {
  const obj = getObject(ctx.cluster, r.info, r.namespace, r.name);
  if (!obj) throw notFound(targetOf(r.info, r.name));
  if (wantsTable(ctx.accept)) {
    return json(200, toTable(r.info.kind, [obj], ctx.cluster.now, obj.metadata.resourceVersion, includeObjectParam(ctx.query.get('includeObject'))));
  }
  return json(200, served(obj, r.info));
}

export function list(ctx: RequestContext, r: ResourceRoute): ApiResponse {
  if (ctx.query.get('watch') === 'true' || ctx.query.get('watch') === '1') return watch(ctx, r);
  const items = listObjects(ctx.cluster, r.info, {
    namespace: r.namespace,
    labelSelector: ctx.query.get('labelSelector'),
    fieldSelector: ctx.query.get('fieldSelector'),
  });
  const rv = String(ctx.cluster.store.resourceVersion);
  if (wantsTable(ctx.accept)) return json(200, toTable(r.info.kind, items, ctx.cluster.now, rv, includeObjectParam(ctx.query.get('includeObject'))));
  return json(200, listOf(r.info, items, rv));
}

function watchFilter(ctx: RequestContext, r: ResourceRoute): WatchFilter {
  const fieldText = r.name ? [ctx.query.get('fieldSelector'), `metadata.name=${r.name}`].filter(Boolean).join(',') : ctx.query.get('fieldSelector');
  return {
    kind: r.info.kind,
    namespace: r.info.namespaced ? r.namespace : undefined,
    labels: parseLabelSelector(ctx.query.get('labelSelector')),
    fields: parseFieldSelector(r.info.kind, fieldText),
  };
}

/**
 * A watch stream: from `resourceVersion` (the changes after it, 410 Gone when too old), or from now
 * with ADDED events for the current objects when the version is unset or "0".
 */
export function watch(ctx: RequestContext, r: ResourceRoute): ApiResponse {
  const filter = watchFilter(ctx, r);
  const rvText = ctx.query.get('resourceVersion');
  const rv = rvText === null || rvText === '' || rvText === '0' ? undefined : Number(rvText);
  const hub = ctx.hub;
  let backlog: { type: WatchType; object: KObject }[];
  if (rv === undefined || Number.isNaN(rv)) {
    const current = listObjects(ctx.cluster, r.info, {
      namespace: filter.namespace,
      labelSelector: ctx.query.get('labelSelector'),
      fieldSelector: ctx.query.get('fieldSelector'),
    });
    backlog = current.filter((o) => !r.name || o.metadata.name === r.name).map((object) => ({ type: 'ADDED' as const, object }));
  } else {
    const changes = hub.since(rv);
    if (!changes) throw gone(`too old resource version: ${rv} (${hub.oldestResourceVersion})`);
    backlog = [];
    for (const change of changes) {
      const type = deliveryFor(filter, change);
      if (type) backlog.push({ type, object: change.object });
    }
  }
  const asTable = wantsTable(ctx.accept);
  const include = includeObjectParam(ctx.query.get('includeObject'));
  const cluster = ctx.cluster;
  const info: ResourceInfo = r.info;
  const bookmarks = ctx.query.get('allowWatchBookmarks') === 'true';
  const timeout = Math.min(Number(ctx.query.get('timeoutSeconds') ?? MAX_WATCH_SECONDS) || MAX_WATCH_SECONDS, MAX_WATCH_SECONDS);
  return {
    kind: 'watch',
    start(stream: WatchStream): void {
      let first = true;
      const send = (type: WatchType, object: KObject): void => {
        if (asTable) {
          const table = {
            kind: 'Table',
            apiVersion: 'meta.k8s.io/v1',
            metadata: { resourceVersion: object.metadata.resourceVersion },
            columnDefinitions: first ? columnDefinitions(info.kind) : [],
            rows: [tableRow(info.kind, object, cluster.now, include)],
          };
          first = false;
          stream.event(type, table);
        } else stream.line(encodedEvent(type, object, info));
      };
      for (const { type, object } of backlog) send(type, object);
      if (bookmarks && rv === undefined && ctx.query.get('sendInitialEvents') === 'true') {
        stream.event('BOOKMARK', {
          kind: info.kind,
          apiVersion: groupVersion(info),
          metadata: { resourceVersion: String(cluster.store.resourceVersion), annotations: { 'k8s.io/initial-events-end': 'true' } },
        });
      }
      const remove = hub.add({ filter, send });
      const timer = setTimeout(() => stream.end(), timeout * 1000);
      timer.unref();
      stream.onClose(() => {
        clearTimeout(timer);
        remove();
      });
    },
  };
}
