import { recordAt } from '../util/kinds';
import { packCheck } from './packCheck';

function isZero(v: unknown): boolean {
  return v === 0 || v === '0' || v === '0%';
}

export const pdbMaxUnavailable = packCheck({
  id: 'pdb-max-unavailable',
  title: 'PodDisruptionBudget never allows a disruption',
  preset: 'best-practices',
  description: 'maxUnavailable 0 blocks every voluntary eviction: node drains and cluster upgrades hang.',
  kinds: ['PodDisruptionBudget'],
  check(ctx) {
    if (isZero(recordAt(ctx.resource.object, ['spec'])?.maxUnavailable)) {
      ctx.report({ path: ['spec', 'maxUnavailable'], message: 'maxUnavailable is 0: no pod may ever be evicted, so node drains block.' });
    }
  },
});

export const pdbMinAvailable = packCheck({
  id: 'pdb-min-available',
  title: 'PodDisruptionBudget requires every pod',
  preset: 'best-practices',
  description: 'minAvailable 100% (or at least the replica count) blocks every voluntary eviction.',
  kinds: ['PodDisruptionBudget'],
  check(ctx) {
    if (recordAt(ctx.resource.object, ['spec'])?.minAvailable === '100%') {
      ctx.report({ path: ['spec', 'minAvailable'], message: 'minAvailable is 100%: no pod may ever be evicted, so node drains block.' });
    }
  },
});
