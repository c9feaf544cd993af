import type { JsonPath } from '../../model/locate';
import type { CheckContext, DocumentCheck } from '../check';
import { recordAt } from '../util/kinds';
import { checkLabelSelector } from '../util/labels';
import { forbidden, invalidValue, keyPath, requiredValue } from '../util/messages';
import { claimSpecsOf } from '../util/podSpecs';
import { formatQuantity, parseQuantity, quantityText } from '../../model/quantity';

/** `spec.resources[storage]`: the API server names the storage request this way. */
function storagePath(base: JsonPath): string {
  return keyPath([...base, 'resources'], 'storage');
}

function checkClaimSpec(ctx: CheckContext, base: JsonPath, spec: Record<string, unknown>): void {
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : undefined;
  if ((!modes || modes.length === 0) && !ctx.isPatch) {
    ctx.report({
      path: modes ? [...base, 'accessModes'] : base,
      target: 'key',
      message: requiredValue([...base, 'accessModes'], 'at least 1 access mode is required'),
    });
  }
  if (modes && modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod')) {
    ctx.report({
      path: [...base, 'accessModes'],
      target: 'key',
      message: forbidden([...base, 'accessModes'], 'may not use ReadWriteOncePod with other access modes'),
    });
  }
  const requests = recordAt(spec, ['resources', 'requests']);
  const raw = requests?.storage;
  if (raw === undefined || raw === null) {
    if (!ctx.isPatch) ctx.report({ path: [...base, 'resources', 'requests'], target: 'key', message: requiredValue(storagePath(base)) });
  } else {
    // Quantity syntax is the schema layer's; only valid quantities are judged here.
    const text = quantityText(raw);
    const q = text === undefined ? undefined : parseQuantity(text);
    if (q && q.nanos <= 0n)
      ctx.report({
        path: [...base, 'resources', 'requests', 'storage'],
        message: invalidValue(storagePath(base), formatQuantity(q), 'must be greater than zero'),
      });
  }
  checkLabelSelector(ctx.report, [...base, 'selector'], spec.selector, ctx.isPatch);
}

export const claimsCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'volume-claims',
  description: 'PersistentVolumeClaims and StatefulSet claim templates: at least one access mode and a positive storage request.',
  defaultSeverity: 'error',
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  check(ctx) {
    for (const claim of claimSpecsOf(ctx.resource)) checkClaimSpec(ctx, claim.path, claim.spec);
  },
};
