/**
 * The missing-* rules: a reference by name to a ConfigMap, Secret, PVC, ServiceAccount, Service,
 * Role/ClusterRole or HPA target that the workspace does not define (in the namespace Kubernetes
 * looks in), and the -key / -port variants when the object exists but lacks the key or port.
 * `optional: true` references are not reported. Key checks only run when the keys are knowable.
 */
import { isRecord } from '../../model/resource';
import type { IndexedResource, ObjectDefinition, Reference } from '../model';
import { referencesOf } from '../references';
import { diagnostic, lookupsOf, relatedTo, visibleFrom, type CrossCheckContext } from './context';
import { closest, fileLabel, named, namespacesText, quotedList } from './describe';

interface Resolution {
  /** Definitions found, per lookup. */
  found: ObjectDefinition[];
  /** Namespaces where nothing was found. */
  missingIn: string[];
  /** Same kind and name, but a different API group than the reference asks for. */
  wrongGroup: ObjectDefinition[];
}

export function resolveReference(ref: Reference, referrer: IndexedResource, ctx: CrossCheckContext['queries']): Resolution {
  const result: Resolution = { found: [], missingIn: [], wrongGroup: [] };
  for (const { placement, namespace } of lookupsOf(ref, referrer)) {
    const candidates = ctx.definitionsNamed(ref.targetKind, namespace, ref.targetName).filter((d) => d.origin === 'built-in' || visibleFrom(d, placement, namespace));
    const matching = candidates.filter((d) => ref.targetGroup === undefined || d.group === ref.targetGroup);
    if (matching.length > 0) result.found.push(...matching.filter((d) => !result.found.includes(d)));
    else {
      result.missingIn.push(namespace);
      result.wrongGroup.push(...candidates);
    }
  }
  return result;
}

function missingMessage(ref: Reference, referrer: IndexedResource, resolution: Resolution, ctx: CrossCheckContext): { message: string; related: ReturnType<typeof relatedTo>; suggestion?: string } {
  const target = named(ref.targetKind, ref.targetName);
  const where = ref.targetNamespace === '' && !ref.explicitNamespace ? '' : ` in ${namespacesText(resolution.missingIn)}`;
  if (resolution.wrongGroup.length > 0) {
    const other = resolution.wrongGroup[0];
    return {
      message: `${target}${where} is defined with API group '${other.group}', but ${ref.via} asks for group '${ref.targetGroup ?? ''}'.`,
      related: relatedTo(other, `${target} (group '${other.group}')`),
    };
  }
  let message = `${target} is not defined${where} in this workspace (referenced by ${ref.via}).`;
  const related: ReturnType<typeof relatedTo> = [];
  const namespace = resolution.missingIn[0];
  const sameKind = ctx.queries.definitionsOfKind(ref.targetKind, namespace);
  const suggestion = closest(
    ref.targetName,
    sameKind.map((d) => d.name),
  );
  if (suggestion) {
    message += ` Did you mean '${suggestion}'?`;
    const def = sameKind.find((d) => d.name === suggestion);
    if (def) related.push(...relatedTo(def, `${named(ref.targetKind, suggestion)} is defined here`));
  } else if (!ref.explicitNamespace && ref.targetNamespace !== '') {
    const elsewhere = ctx.queries.definitionsNamed(ref.targetKind, '*', ref.targetName).filter((d) => d.origin !== 'built-in');
    if (elsewhere.length > 0) {
      const other = elsewhere[0];
      message += ` A ${ref.targetKind} with this name exists in namespace '${other.placements[0]?.namespace}', but ${referrer.resource.kind} objects can only refer to their own namespace.`;
      related.push(...relatedTo(other, `${target} in namespace '${other.placements[0]?.namespace}'`));
    }
  }
  return { message, related, suggestion };
}

function servicePorts(def: ObjectDefinition): { port?: number; name?: string }[] | undefined {
  const spec = def.source && def.origin === 'manifest' ? def.source.resource.object.spec : undefined;
  if (!isRecord(spec) || !Array.isArray(spec.ports)) return undefined;
  return spec.ports.filter(isRecord).map((p) => ({ port: typeof p.port === 'number' ? p.port : undefined, name: typeof p.name === 'string' ? p.name : undefined }));
}

function checkDetails(ref: Reference, referrer: IndexedResource, found: ObjectDefinition[], ctx: CrossCheckContext): void {
  const rule = ref.detailRule;
  if (!rule || !ctx.enabled(rule)) return;
  const target = named(ref.targetKind, ref.targetName);
  if (ref.key !== undefined && ref.keyPath) {
    const lacking = found.find((d) => d.keys !== undefined && !d.keys.has(ref.key as string));
    if (!lacking || !lacking.keys) return;
    const keys = [...lacking.keys].sort();
    const suggestion = closest(ref.key, keys);
    const origin = lacking.note ? ` (${lacking.note})` : '';
    const listing = keys.length > 0 ? ` Its keys: ${quotedList(keys)}.` : ' It has no keys.';
    ctx.report(
      diagnostic(referrer.resource, rule, ref.keyPath, `${target}${origin} has no key '${ref.key}'.${listing}${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, {
        suggestion,
        related: relatedTo(lacking, `${target} is defined here`),
      }),
    );
  }
  if (ref.port !== undefined && ref.portPath) {
    for (const def of found) {
      const ports = servicePorts(def);
      if (!ports) continue;
      const ok = typeof ref.port === 'number' ? ports.some((p) => p.port === ref.port) : ports.some((p) => p.name === ref.port);
      if (ok) continue;
      const listing = ports.map((p) => `${p.port ?? '?'}${p.name ? ` '${p.name}'` : ''}`).join(', ') || 'none';
      const names = ports.map((p) => p.name).filter((n): n is string => !!n);
      const suggestion = typeof ref.port === 'string' ? closest(ref.port, names) : undefined;
      const kindOfPort = typeof ref.port === 'number' ? 'port number' : 'port name';
      ctx.report(
        diagnostic(referrer.resource, rule, ref.portPath, `${target} has no ${kindOfPort} ${typeof ref.port === 'number' ? ref.port : `'${ref.port}'`} (its ports: ${listing}).${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, {
          suggestion,
          related: relatedTo(def, `${target} is defined in ${fileLabel(def.uri)}`),
        }),
      );
      return;
    }
  }
}

function checkClusterRoleBindingToRole(referrer: IndexedResource, ref: Reference, ctx: CrossCheckContext): boolean {
  if (referrer.resource.kind !== 'ClusterRoleBinding' || ref.targetKind !== 'Role') return false;
  if (ctx.enabled('missing-role')) {
    ctx.report(diagnostic(referrer.resource, 'missing-role', ['roleRef', 'kind'], `A ClusterRoleBinding can only refer to a ClusterRole; roleRef.kind is Role, which the API server rejects.`, { suggestion: 'ClusterRole' }));
  }
  return true;
}

export function checkReferences(referrer: IndexedResource, ctx: CrossCheckContext): void {
  const reported = new Set<string>();
  for (const ref of referencesOf(referrer)) {
    if (ref.optional) continue;
    if (checkClusterRoleBindingToRole(referrer, ref, ctx)) continue;
    const pathKey = ref.path.join('\u0000');
    const resolution = resolveReference(ref, referrer, ctx.queries);
    if (resolution.missingIn.length > 0) {
      if (reported.has(pathKey) || !ctx.enabled(ref.rule)) continue;
      reported.add(pathKey);
      const { message, related, suggestion } = missingMessage(ref, referrer, resolution, ctx);
      ctx.report(diagnostic(referrer.resource, ref.rule, ref.path, message, { related, suggestion }));
      continue;
    }
    checkDetails(ref, referrer, resolution.found, ctx);
  }
}
