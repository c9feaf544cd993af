import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { invalidValue, keyPath, requiredValue } from '../util/messages';
import { isLabelKey } from '../util/names';
import { containersOf, podSpecOf } from '../util/podSpecs';
import { compareQuantities, formatQuantity, parseQuantity, quantityText, type Quantity } from '../../model/quantity';
import { closest } from '../util/suggest';

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Resources in the kubernetes.io namespace (unprefixed names included). */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Requests may be below limits only for native, non-hugepages resources. */
function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function resourceNameErrors(name: string): { message: string; suggestion?: string } | undefined {
  if (!name.includes('/')) {
    if (STANDARD_CONTAINER_RESOURCES.includes(name) || isHugePages(name)) return undefined;
    return { message: 'must be a standard resource for containers', suggestion: closest(name, STANDARD_CONTAINER_RESOURCES) };
  }
  const errs = isLabelKey(name);
  return errs.length > 0 ? { message: errs[0] } : undefined;
}

/** Parsed quantities of one resources map (limits or requests), reporting names and values that are invalid. */
function readResourceMap(ctx: CheckContext, mapPath: JsonPath, value: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isRecord(value)) return out;
  for (const [name, raw] of Object.entries(value)) {
    const entryPath = [...mapPath, name];
    const nameProblem = resourceNameErrors(name);
    if (nameProblem)
      ctx.report({
        path: entryPath,
        target: 'key',
        message: invalidValue(keyPath(mapPath, name), name, nameProblem.message),
        suggestion: nameProblem.suggestion,
      });
    const text = quantityText(raw);
    // Quantity syntax is the schema layer's (its Quantity pattern); only valid quantities are judged here.
    const q = text === undefined ? undefined : parseQuantity(text);
    if (!q) continue;
    if (q.nanos < 0n) ctx.report({ path: entryPath, message: invalidValue(keyPath(mapPath, name), formatQuantity(q), 'must be greater than or equal to 0') });
    else if (!isNative(name) && q.nanos % 1_000_000_000n !== 0n)
      ctx.report({ path: entryPath, message: invalidValue(keyPath(mapPath, name), formatQuantity(q), 'must be an integer') });
    out.set(name, q);
  }
  return out;
}

function checkRequirements(ctx: CheckContext, resourcesPath: JsonPath, resources: Record<string, unknown>): void {
  const limitsPath = [...resourcesPath, 'limits'];
  const requestsPath = [...resourcesPath, 'requests'];
  const limits = readResourceMap(ctx, limitsPath, resources.limits);
  const requests = readResourceMap(ctx, requestsPath, resources.requests);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    const at = [...requestsPath, name];
    if (limit) {
      const cmp = compareQuantities(request, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        ctx.report({ path: at, message: invalidValue(requestsPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`) });
      } else if (cmp > 0) {
        ctx.report({
          path: at,
          message: invalidValue(requestsPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`),
        });
      }
    } else if (!isOvercommitAllowed(name) && !ctx.isPatch) {
      ctx.report({ path: limitsPath, target: 'key', message: requiredValue(limitsPath, 'Limit must be set for non overcommitable resources') });
    }
  }
}

export const resourcesCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'container-resources',
  description: 'Container resource names and quantities, and requests above limits (or different from limits for extended resources and hugepages).',
  defaultSeverity: 'error',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    for (const c of containersOf(site)) {
      const resources = c.container.resources;
      if (isRecord(resources)) checkRequirements(ctx, [...c.path, 'resources'], resources);
    }
  },
};
