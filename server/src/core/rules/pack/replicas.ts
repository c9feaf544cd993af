import { recordAt } from '../util/kinds';
import { replicasOf } from './podFields';
import { packCheck, podSite } from './packCheck';

export const minimumThreeReplicas = packCheck({
  id: 'minimum-three-replicas',
  title: 'Fewer than three replicas',
  preset: 'best-practices',
  description: 'With fewer than three replicas one node failure or rollout takes away much or all of the capacity.',
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  check(ctx) {
    const spec = recordAt(ctx.resource.object, ['spec']);
    const replicas = replicasOf(spec);
    if (!spec || replicas === undefined || replicas >= 3 || replicas === 0) return;
    const set = spec.replicas !== undefined;
    ctx.report({
      path: set ? ['spec', 'replicas'] : ['spec'],
      target: set ? 'value' : 'key',
      message: `${ctx.resource.kind} runs ${replicas} replica${replicas === 1 ? '' : 's'}${set ? '' : ' (replicas is unset)'}; use at least 3 to survive a node failure.`,
      data: { fix: { title: 'Set replicas: 3', edits: [{ path: ['spec'], entries: [['replicas', '3']] }] } },
    });
  },
});

export const noAntiAffinity = packCheck({
  id: 'no-anti-affinity',
  title: 'Replicas may all land on one node',
  preset: 'best-practices',
  description: 'Without pod anti-affinity the scheduler may place every replica on the same node.',
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  check(ctx) {
    const replicas = replicasOf(recordAt(ctx.resource.object, ['spec']));
    const site = podSite(ctx.resource);
    if (!site || replicas === undefined || replicas < 2) return;
    if (recordAt(site.spec, ['affinity', 'podAntiAffinity'])) return;
    ctx.report({
      path: [...site.path, 'affinity'],
      target: 'key',
      message: `${replicas} replicas and no podAntiAffinity: they may all be scheduled on one node (use topologyKey kubernetes.io/hostname).`,
    });
  },
});

export const noRollingUpdateStrategy = packCheck({
  id: 'no-rolling-update-strategy',
  title: 'Updates do not roll',
  preset: 'best-practices',
  description: 'Recreate (or OnDelete) updates stop every pod before new ones run: downtime on each rollout.',
  kinds: ['Deployment', 'DaemonSet', 'StatefulSet'],
  check(ctx) {
    const key = ctx.resource.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const type = recordAt(ctx.resource.object, ['spec', key])?.type;
    if (type === undefined || type === 'RollingUpdate') return;
    ctx.report({
      path: ['spec', key, 'type'],
      message: `${ctx.resource.kind} uses the ${String(type)} strategy; RollingUpdate replaces pods without downtime.`,
    });
  },
});

export const hpaMinimumThreeReplicas = packCheck({
  id: 'hpa-minimum-three-replicas',
  title: 'HorizontalPodAutoscaler allows fewer than three replicas',
  preset: 'best-practices',
  description: 'An autoscaler that may scale down below three replicas gives up fault tolerance at quiet times.',
  kinds: ['HorizontalPodAutoscaler'],
  check(ctx) {
    const spec = recordAt(ctx.resource.object, ['spec']);
    const min = replicasOf(spec, 'minReplicas');
    if (!spec || min === undefined || min >= 3) return;
    const set = spec.minReplicas !== undefined;
    ctx.report({
      path: set ? ['spec', 'minReplicas'] : ['spec'],
      target: set ? 'value' : 'key',
      message: `minReplicas is ${min}${set ? '' : ' (unset)'}; use at least 3.`,
      data: { fix: { title: 'Set minReplicas: 3', edits: [{ path: ['spec'], entries: [['minReplicas', '3']] }] } },
    });
  },
});
