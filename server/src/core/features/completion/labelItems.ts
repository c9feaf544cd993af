/**
 * Labels for selectors and pod templates: a Service selector (or a NetworkPolicy/PDB pod selector)
 * offers the labels of the pod templates in its namespace; a workload's selector offers its own
 * template's labels, and the template's labels offer the selector's, so the two stay aligned.
 */
import type { JsonPath } from '../../model/locate';
import { isRecord, sameResource } from '../../model/resource';
import { describeTemplate } from '../references/describe';
import type { CompletionEntry } from '../types';
import { yamlKey, yamlString } from '../yaml/scalar';
import { valueEntry, type CompletionScope } from './scope';

/** A label with where it comes from. */
interface LabelSource {
  labels: Record<string, string>;
  /** "Deployment `web` (3 replicas) in `app.yaml`", or "this Deployment's pod template". */
  origin: string;
  /** Short origin for details. */
  short: string;
}

const TEMPLATE_LABELS: Record<string, JsonPath> = {
  Deployment: ['spec', 'template', 'metadata', 'labels'],
  ReplicaSet: ['spec', 'template', 'metadata', 'labels'],
  StatefulSet: ['spec', 'template', 'metadata', 'labels'],
  DaemonSet: ['spec', 'template', 'metadata', 'labels'],
  Job: ['spec', 'template', 'metadata', 'labels'],
};
const MATCH_LABELS: JsonPath = ['spec', 'selector', 'matchLabels'];

function same(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

function valueAt(object: unknown, path: JsonPath): unknown {
  let node = object;
  for (const step of path) node = Array.isArray(node) ? node[step as number] : isRecord(node) ? node[step] : undefined;
  return node;
}

/** The label sources for a label map at `mapPath` of the document, or undefined when it is no selector. */
function sourcesFor(scope: CompletionScope, mapPath: JsonPath): LabelSource[] | undefined {
  const { kind, object } = scope.info;
  if (!kind) return undefined;
  const own = TEMPLATE_LABELS[kind];
  if (own && same(mapPath, MATCH_LABELS)) {
    return [{ labels: stringMap(valueAt(object, own)), origin: `this ${kind}'s pod template`, short: 'pod template' }];
  }
  if (own && same(mapPath, own)) {
    return [{ labels: stringMap(valueAt(object, MATCH_LABELS)), origin: `this ${kind}'s selector`, short: 'selector' }];
  }
  const serviceSelector = kind === 'Service' && same(mapPath, ['spec', 'selector']);
  const podSelector = mapPath[mapPath.length - 1] === 'matchLabels' && !own;
  if (!serviceSelector && !podSelector) return undefined;
  const self = scope.info.resource;
  const out: LabelSource[] = [];
  for (const t of scope.req.env.workspace.templatesIn(scope.info.namespace)) {
    if (!t.selectable) continue;
    const r = t.owner.resource;
    if (self && sameResource(r, self)) continue;
    out.push({ labels: { ...t.labels }, origin: describeTemplate(t), short: `${r.kind} ${r.name ?? ''}`.trim() });
  }
  return out;
}

/** `key: value` items for a selector or template label map at the cursor. */
export function labelKeyItems(scope: CompletionScope): CompletionEntry[] {
  const sources = sourcesFor(scope, scope.ctx.path);
  if (!sources || scope.ctx.keyHasColon) return [];
  const present = new Set(scope.ctx.siblings.map((s) => s.key));
  const pairs = new Map<string, { key: string; value: string; from: string[] }>();
  for (const s of sources) {
    for (const [key, value] of Object.entries(s.labels)) {
      if (present.has(key)) continue;
      const id = `${key}\u0000${value}`;
      const entry = pairs.get(id) ?? { key, value, from: [] };
      entry.from.push(s.short);
      pairs.set(id, entry);
    }
  }
  const out: CompletionEntry[] = [...pairs.values()].map((p) => ({
    label: `${p.key}: ${p.value}`,
    kind: 'label',
    detail: `label of ${p.from.slice(0, 3).join(', ')}${p.from.length > 3 ? ', …' : ''}`,
    insertText: `${yamlKey(p.key)}: ${yamlString(p.value)}`,
    snippet: false,
    range: scope.ctx.range,
    filterText: p.key,
    sortText: `0${p.key}`,
  }));
  // All labels of one source at once (the usual way to point a Service at a workload).
  const indent = ' '.repeat(scope.ctx.column);
  for (const s of sources) {
    const missing = Object.entries(s.labels).filter(([k]) => !present.has(k));
    if (missing.length < 2) continue;
    out.push({
      label: `all labels of ${s.short}`,
      kind: 'label',
      detail: missing.map(([k, v]) => `${k}=${v}`).join(', '),
      documentation: `Inserts the labels of ${s.origin}.`,
      insertText: missing.map(([k, v], i) => `${i === 0 ? '' : indent}${yamlKey(k)}: ${yamlString(v)}`).join('\n'),
      snippet: false,
      range: scope.ctx.range,
      filterText: missing.map(([k]) => k).join(' '),
      sortText: `1${s.short}`,
    });
  }
  return out;
}

/** Values for `key: |` inside a selector or template label map. */
export function labelValueItems(scope: CompletionScope): CompletionEntry[] {
  const path = scope.ctx.path;
  const key = path[path.length - 1];
  if (typeof key !== 'string') return [];
  const sources = sourcesFor(scope, path.slice(0, -1));
  if (!sources) return [];
  const values = new Map<string, string[]>();
  for (const s of sources) {
    const v = s.labels[key];
    if (v !== undefined) values.set(v, [...(values.get(v) ?? []), s.short]);
  }
  return [...values].map(([v, from]) => valueEntry(scope, v, yamlString(v), { kind: 'label', detail: `${key} of ${from.slice(0, 3).join(', ')}` }));
}
