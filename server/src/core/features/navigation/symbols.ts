/**
 * Document symbols (an outline: "Deployment api (shop)" with its containers, a Service with its
 * ports, a ConfigMap with its keys) and workspace symbols (every resource, filtered by a query).
 */
import type { JsonPath } from '../../model/locate';
import { isRecord, resourceRange, type Resource } from '../../model/resource';
import { podSpecSite } from '../../workspace/podTemplates';
import type { WorkspaceLookup } from '../ports';
import { fileName, resourceTitle } from '../references/describe';
import { entryFor } from '../references/resolve';
import type { FeatureRequest } from '../request';
import type { SymbolEntry, WorkspaceSymbolEntry } from '../types';

export function documentSymbols(req: FeatureRequest): SymbolEntry[] {
  return req.resources.map((r) => resourceSymbol(req, r));
}

function resourceSymbol(req: FeatureRequest, resource: Resource): SymbolEntry {
  const hasName = resource.name !== undefined;
  const selectionRange = clamp(resourceRange(resource, hasName ? ['metadata', 'name'] : ['kind'], 'value'), resource);
  return {
    name: resourceTitle(resource),
    detail: resource.apiVersion,
    kind: 'resource',
    range: resource.range,
    selectionRange,
    children: childSymbols(req, resource),
  };
}

/** Keeps a selection range inside the symbol's range (clients reject it otherwise). */
function clamp(range: SymbolEntry['range'], resource: Resource): SymbolEntry['range'] {
  const outer = resource.range;
  const before = (a: SymbolEntry['range']['start'], b: SymbolEntry['range']['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character < b.character);
  if (before(range.start, outer.start) || before(outer.end, range.end)) return { start: outer.start, end: outer.start };
  return range;
}

function childSymbols(req: FeatureRequest, resource: Resource): SymbolEntry[] {
  const object = resource.object;
  const out: SymbolEntry[] = [];
  const site = podSpecSite(entryFor(req, resource));
  if (site) {
    const spec = valueAt(object, site.specPath);
    for (const field of ['initContainers', 'containers']) {
      const list = isRecord(spec) ? spec[field] : undefined;
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        if (!isRecord(c)) return;
        const path: JsonPath = [...site.specPath, field, i];
        const name = typeof c.name === 'string' ? c.name : `#${i}`;
        out.push(
          child(
            resource,
            path,
            `${field === 'initContainers' ? 'init container' : 'container'} ${name}`,
            typeof c.image === 'string' ? c.image : undefined,
            'container',
          ),
        );
      });
    }
  }
  if (resource.kind === 'Service' && resource.group === '') {
    const ports = valueAt(object, ['spec', 'ports']);
    if (Array.isArray(ports)) {
      ports.forEach((p, i) => {
        if (!isRecord(p)) return;
        const label = `port ${String(p.port ?? '?')}${typeof p.name === 'string' ? ` (${p.name})` : ''}`;
        out.push(child(resource, ['spec', 'ports', i], label, p.targetPort !== undefined ? `→ ${String(p.targetPort)}` : undefined, 'port'));
      });
    }
  }
  if ((resource.kind === 'ConfigMap' || resource.kind === 'Secret') && resource.group === '') {
    for (const map of ['data', 'stringData', 'binaryData']) {
      const data = object[map];
      if (!isRecord(data)) continue;
      for (const key of Object.keys(data)) out.push(child(resource, [map, key], key, map, 'key'));
    }
  }
  if (resource.kind === 'Ingress') {
    const rules = valueAt(object, ['spec', 'rules']);
    if (Array.isArray(rules)) {
      rules.forEach((rule, i) => {
        if (!isRecord(rule)) return;
        out.push(child(resource, ['spec', 'rules', i], `host ${typeof rule.host === 'string' ? rule.host : '*'}`, undefined, 'rule'));
      });
    }
  }
  return out;
}

function child(resource: Resource, path: JsonPath, name: string, detail: string | undefined, kind: SymbolEntry['kind']): SymbolEntry {
  const range = clamp(resourceRange(resource, path, 'value'), resource);
  const selectionRange = clamp(resourceRange(resource, path, 'key'), resource);
  const contains = (outer: SymbolEntry['range'], inner: SymbolEntry['range']): boolean =>
    (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
    (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
  return { name, detail, kind, range: contains(range, selectionRange) ? range : selectionRange, selectionRange };
}

function valueAt(object: unknown, path: JsonPath): unknown {
  let node = object;
  for (const step of path) node = Array.isArray(node) ? node[step as number] : isRecord(node) ? node[step] : undefined;
  return node;
}

/** Every resource of the workspace whose title contains the query's characters in order (case-insensitive). */
export function workspaceSymbols(workspace: WorkspaceLookup, query: string, limit = 1000): WorkspaceSymbolEntry[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: WorkspaceSymbolEntry[] = [];
  for (const entry of workspace.resources()) {
    const r = entry.resource;
    const name = resourceTitle(r);
    if (q && !subsequence(q, name.toLowerCase())) continue;
    out.push({ name, kind: 'resource', location: { uri: r.uri, range: r.range }, containerName: fileName(r.uri) });
    if (out.length >= limit) break;
  }
  return out;
}

function subsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const c of haystack) if (c === needle[i]) i++;
  return i === needle.length;
}
