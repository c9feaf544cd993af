import { containerLog } from '../sim/kubelet/logs';
import type { Pod } from '../sim/types';
import type { ApiResponse, RequestContext } from './context';
import { ApiFailure, badRequest } from './status';

/** GET pods/{name}/log: the simulated container output as text/plain. */
export function podLog(ctx: RequestContext, pod: Pod, query: URLSearchParams): ApiResponse {
  const names = pod.spec.containers.map((c) => c.name);
  let container = query.get('container') ?? undefined;
  if (!container) {
    if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
    container = names[0];
  }
  const cluster = ctx.cluster;
  const result = containerLog(pod, container, cluster.events.stream, cluster.epoch, cluster.now, query.get('previous') === 'true');
  if (!result.ok) throw new ApiFailure(400, 'BadRequest', result.message);
  let lines = result.lines;
  const since = Number(query.get('sinceSeconds'));
  if (since > 0) lines = lines.filter((l) => l.time >= cluster.now - since * 1000);
  const sinceTime = Date.parse(query.get('sinceTime') ?? '');
  if (!Number.isNaN(sinceTime)) lines = lines.filter((l) => l.time >= sinceTime);
  const tail = query.get('tailLines');
  if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const timestamps = query.get('timestamps') === 'true';
  let text = lines.map((l) => `${timestamps ? `${new Date(l.time).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`).join('');
  const limit = Number(query.get('limitBytes'));
  if (limit > 0) text = text.slice(0, limit);
  return { kind: 'text', code: 200, text, contentType: 'text/plain' };
}
