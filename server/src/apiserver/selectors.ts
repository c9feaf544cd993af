import type { KObject } from '../sim/types';
import { badRequest } from './status';

/** A parsed `labelSelector` or `fieldSelector` query: every requirement must hold. */
export type Matcher = (obj: KObject) => boolean;

interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';
  values: string[];
}

/** Splits at commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

function parseLabelTerm(term: string): Requirement {
  let m = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m)
    return {
      key: m[1],
      op: m[2] as 'in' | 'notin',
      values: m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    };
  m = /^!\s*([^\s!=<>()]+)$/.exec(term);
  if (m) return { key: m[1], op: '!', values: [] };
  m = /^([^\s!=<>()]+)\s*(==|=|!=|>|<)\s*([^\s!=<>(),]*)$/.exec(term);
  if (m) {
    const op = m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : '=';
    return { key: m[1], op, values: [m[3]] };
  }
  m = /^([^\s!=<>()]+)$/.exec(term);
  if (m) return { key: m[1], op: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
}

function holds(req: Requirement, value: string | undefined): boolean {
  switch (req.op) {
    case '=':
      return value === req.values[0];
    case '!=':
      return value !== req.values[0];
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'gt':
      return value !== undefined && Number(value) > Number(req.values[0]);
    case 'lt':
      return value !== undefined && Number(value) < Number(req.values[0]);
  }
}

/** `app=web,tier in (a,b),!canary`: Kubernetes label selector syntax. */
export function parseLabelSelector(text: string | null): Matcher | undefined {
  if (!text || !text.trim()) return undefined;
  const reqs = splitTerms(text).map(parseLabelTerm);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => holds(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined));
  };
}

/** The label requirements of a simple `a=b,c=d` selector (for the store's label index), else undefined. */
export function equalityLabels(text: string | null): Record<string, string> | undefined {
  if (!text || !text.trim()) return undefined;
  const out: Record<string, string> = {};
  for (const term of splitTerms(text)) {
    const m = /^([^\s!=<>()]+)\s*==?\s*([^\s!=<>(),]*)$/.exec(term);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Getter = (o: any) => unknown;

const COMMON: Record<string, Getter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Field selectors each kind supports (the API server's field label conversion functions). */
const FIELDS: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => o.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(!!o.spec?.hostNetwork),
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
  },
  Event: {
    'involvedObject.kind': (o) => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => o.involvedObject?.name ?? '',
    'involvedObject.uid': (o) => o.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? '',
    reason: (o) => o.reason ?? '',
    reportingComponent: (o) => o.reportingComponent ?? '',
    source: (o) => o.source?.component ?? '',
    type: (o) => o.type ?? '',
  },
  Secret: { type: (o) => o.type ?? '' },
  Node: { 'spec.unschedulable': (o) => String(!!o.spec?.unschedulable) },
  Namespace: { 'status.phase': (o) => o.status?.phase ?? '' },
  ReplicaSet: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Job: { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
};

/** `metadata.name=web,status.phase!=Running`. Unknown fields are refused like the API server does. */
export function parseFieldSelector(kind: string, text: string | null): Matcher | undefined {
  if (!text || !text.trim()) return undefined;
  const getters = { ...COMMON, ...(FIELDS[kind] ?? {}) };
  const tests = splitTerms(text).map((term) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const getter = getters[m[1]];
    if (!getter) throw badRequest(`field label not supported: ${m[1]}`);
    const negate = m[2] === '!=';
    const want = m[3];
    return (o: KObject): boolean => (String(getter(o)) === want) !== negate;
  });
  return (obj) => tests.every((t) => t(obj));
}

/** The single object name a `metadata.name=x` selector asks for (lets a list skip the scan). */
export function nameFromFieldSelector(text: string | null): string | undefined {
  if (!text) return undefined;
  const m = /(?:^|,)\s*metadata\.name\s*==?\s*([^,\s]+)/.exec(text);
  return m ? m[1] : undefined;
}
