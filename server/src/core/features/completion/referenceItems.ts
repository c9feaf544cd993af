/**
 * Values of references from the workspace: names of ConfigMaps, Secrets, PVCs, ServiceAccounts,
 * Services, Roles and scale targets; keys of the named ConfigMap or Secret; ports of the named Service.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord, sameResource } from '../../model/resource';
import type { ObjectDefinition } from '../../workspace/model';
import { classifyPath, type ClassifiedReference } from '../references/classify';
import { describeDefinition, fileName, formatPort, servicePorts } from '../references/describe';
import type { CompletionEntry } from '../types';
import { yamlString } from '../yaml/scalar';
import { valueEntry, type CompletionScope } from './scope';

/** Kinds a reference may name when the document does not say yet (roleRef.kind, scaleTargetRef.kind). */
function alternatives(path: JsonPath, object: Record<string, unknown>): Record<string, unknown>[] {
  const tail = path.slice(-2).join('.');
  if (tail === 'roleRef.name') {
    const kind = isRecord(object.roleRef) ? object.roleRef.kind : undefined;
    if (typeof kind !== 'string' || kind === '') return [{ 'roleRef.kind': 'Role' }, { 'roleRef.kind': 'ClusterRole' }];
  }
  if (tail === 'scaleTargetRef.name') {
    const spec = isRecord(object.spec) ? object.spec : {};
    const kind = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef.kind : undefined;
    if (typeof kind !== 'string' || kind === '') return ['Deployment', 'StatefulSet', 'ReplicaSet'].map((k) => ({ 'spec.scaleTargetRef.kind': k }));
  }
  return [{}];
}

/** Every reference reading of the cursor's path (several when the target kind is open). */
export function referencesAtCursor(scope: CompletionScope): ClassifiedReference[] {
  const { req, info, ctx } = scope;
  const out: ClassifiedReference[] = [];
  for (const alt of alternatives(ctx.path, info.object)) {
    const found = classifyPath(req.file, info, ctx.lines.parsed, ctx.path, [alt]);
    if (found && !out.some((o) => o.reference.targetKind === found.reference.targetKind)) out.push(found);
  }
  return out;
}

export function referenceValueItems(scope: CompletionScope): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const c of referencesAtCursor(scope)) {
    if (c.role === 'name') out.push(...nameItems(scope, c));
    else if (c.role === 'key') out.push(...keyItems(scope, c));
    else out.push(...portItems(scope, c));
  }
  return out;
}

function nameItems(scope: CompletionScope, c: ClassifiedReference): CompletionEntry[] {
  const { reference } = c;
  const defs = scope.req.env.workspace.definitionsOfKind(reference.targetKind, reference.targetNamespace);
  const byName = new Map<string, ObjectDefinition>();
  for (const d of defs) {
    if (reference.targetGroup !== undefined && d.group !== reference.targetGroup) continue;
    if (isSelf(scope, d)) continue;
    if (!byName.has(d.name)) byName.set(d.name, d);
  }
  return [...byName.values()].map((d) =>
    valueEntry(scope, d.name, yamlString(d.name), {
      kind: 'reference',
      detail: `${d.kind}${d.origin === 'manifest' ? ` · ${fileName(d.uri)}` : d.note ? ` · ${d.note}` : ''}`,
      documentation: describeDefinition(d),
      filterText: d.name,
    }),
  );
}

/** A resource does not refer to itself (a StatefulSet's serviceName is another object). */
function isSelf(scope: CompletionScope, d: ObjectDefinition): boolean {
  const r = scope.info.resource;
  return r !== undefined && d.source !== undefined && sameResource(d.source.resource, r) && d.kind === r.kind;
}

function keyItems(scope: CompletionScope, c: ClassifiedReference): CompletionEntry[] {
  const { reference } = c;
  const keys = new Map<string, string>();
  for (const d of scope.req.env.workspace.definitionsNamed(reference.targetKind, reference.targetNamespace, reference.targetName)) {
    for (const k of d.keys ?? []) if (!keys.has(k)) keys.set(k, `key of ${d.kind} ${d.name}`);
  }
  return [...keys].map(([k, detail]) => valueEntry(scope, k, yamlString(k), { kind: 'reference', detail }));
}

function portItems(scope: CompletionScope, c: ClassifiedReference): CompletionEntry[] {
  const { reference } = c;
  const last = scope.ctx.path[scope.ctx.path.length - 1];
  const wantNumbers = last !== 'name';
  const wantNames = last !== 'number';
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const d of scope.req.env.workspace.definitionsNamed('Service', reference.targetNamespace, reference.targetName)) {
    for (const p of servicePorts(d.source?.resource)) {
      const detail = `port of Service ${d.name}: ${formatPort(p)}`;
      if (wantNumbers && p.port !== undefined && !seen.has(String(p.port))) {
        seen.add(String(p.port));
        out.push(valueEntry(scope, String(p.port), String(p.port), { kind: 'reference', detail }));
      }
      if (wantNames && p.name && !seen.has(p.name)) {
        seen.add(p.name);
        out.push(valueEntry(scope, p.name, yamlString(p.name), { kind: 'reference', detail }));
      }
    }
  }
  return out;
}
