import { Cluster } from '../../server/src/sim/cluster';
import type { EngineOptions } from '../../server/src/sim/simulation';
import type { Pod } from '../../server/src/sim/types';

export function cluster(options: EngineOptions = {}): Cluster {
  return new Cluster({ seed: 7, ...options });
}

export function deployment(name: string, replicas: number, extra: { image?: string; strategy?: unknown; annotations?: Record<string, string>; podSpec?: Record<string, unknown>; container?: Record<string, unknown>; minReadySeconds?: number } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      ...(extra.strategy ? { strategy: extra.strategy } : {}),
      ...(extra.minReadySeconds !== undefined ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: {
          containers: [{ name, image: extra.image ?? `example/${name}:1.0.0`, ports: [{ name: 'http', containerPort: 8080 }], ...(extra.container ?? {}) }],
          ...(extra.podSpec ?? {}),
        },
      },
    },
  };
}

export function pods(c: Cluster, app?: string): Pod[] {
  return c.list<Pod>('Pod', 'default').filter((p) => !app || p.metadata.labels?.app === app);
}

export function eventsOf(c: Cluster, reason: string): string[] {
  return c.events.stream.filter((e) => e.reason === reason).map((e) => e.message);
}
