/**
 * removed-api / deprecated-api: rewrite to the replacement apiVersion, and migrate what changed with it.
 * - Ingress from extensions/v1beta1 or networking.k8s.io/v1beta1 to networking.k8s.io/v1: backends'
 *   serviceName/servicePort become service.name and service.port.number|name, spec.backend becomes
 *   spec.defaultBackend, and paths without a pathType get `pathType: Prefix`.
 * - apps/v1beta1, apps/v1beta2 and extensions/v1beta1 workloads to apps/v1: the selector, which apps/v1
 *   requires, is added from the pod template labels.
 */
import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import { locate, type JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CodeActionEntry, TextEdit } from '../types';
import { yamlString } from '../yaml/scalar';
import { fileFix, type FixContext } from './fixContext';
import { positionOf, replaceKey, replaceValue, setEntries, type YamlDocument } from './yamlEdits';

const OLD_INGRESS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);
const OLD_WORKLOAD_GROUPS = new Set(['apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1']);
const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);

export function apiVersionFix(ctx: FixContext): CodeActionEntry | undefined {
  const replacement = ctx.diagnostic.data?.suggestion;
  if (typeof replacement !== 'string' || replacement === ctx.resource.apiVersion) return undefined;
  const first = replaceValue(ctx.doc, ['apiVersion'], replacement);
  if (!first) return undefined;
  const edits: TextEdit[] = [first];
  const { kind, apiVersion, object } = ctx.resource;
  let extra = '';
  if (kind === 'Ingress' && OLD_INGRESS.has(apiVersion) && replacement === 'networking.k8s.io/v1') {
    edits.push(...ingressMigration(ctx.doc, object));
    extra = ' and migrate backends to service.name/port';
  } else if (WORKLOADS.has(kind) && OLD_WORKLOAD_GROUPS.has(apiVersion) && replacement === 'apps/v1') {
    const spec = isRecord(object.spec) ? object.spec : {};
    const labels = labelEntries(object);
    if (spec.selector === undefined && labels.length > 0) {
      edits.push(...(setEntries(ctx.doc, ['spec', 'selector', 'matchLabels'], labels) ?? []));
      extra = ' and add the selector from the pod template labels';
    }
  }
  return fileFix(ctx, `Change apiVersion to ${replacement}${extra}`, edits, true);
}

function labelEntries(object: Record<string, unknown>): [string, string][] {
  const template = isRecord(object.spec) && isRecord(object.spec.template) ? object.spec.template : {};
  const labels = isRecord(template.metadata) && isRecord(template.metadata.labels) ? template.metadata.labels : {};
  return Object.entries(labels)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => [k, yamlString(String(v))]);
}

function ingressMigration(doc: YamlDocument, object: Record<string, unknown>): TextEdit[] {
  const edits: TextEdit[] = [];
  const spec = isRecord(object.spec) ? object.spec : {};
  if (spec.backend !== undefined && spec.defaultBackend === undefined) {
    const rename = replaceKey(doc, ['spec', 'backend'], 'defaultBackend');
    if (rename) edits.push(rename);
    edits.push(...backendMigration(doc, ['spec', 'backend']));
  }
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, ri) => {
    const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    paths.forEach((p, pi) => {
      const at: JsonPath = ['spec', 'rules', ri, 'http', 'paths', pi];
      // v1 requires a pathType, and an absolute path with it (v1beta1 allowed none: all paths).
      if (isRecord(p) && p.pathType === undefined)
        edits.push(...insertFirst(doc, at, p.path === undefined ? ['pathType: Prefix', 'path: /'] : ['pathType: Prefix']));
      edits.push(...backendMigration(doc, [...at, 'backend']));
    });
  });
  return edits;
}

/** `serviceName: x` + `servicePort: 80` → `service: {name: x, port: {number: 80}}`, written as a block. */
function backendMigration(doc: YamlDocument, backendPath: JsonPath): TextEdit[] {
  const found = locate(doc.parsed, backendPath);
  const node = found.depth === backendPath.length ? found.node : undefined;
  if (!isMap(node) || node.flow) return [];
  const pairs = node.items.filter(isPair) as Pair<Node, Node | null>[];
  const named = pairs.find((p) => isScalar(p.key) && p.key.value === 'serviceName');
  const port = pairs.find((p) => isScalar(p.key) && p.key.value === 'servicePort');
  if (!named?.key.range || !isScalar(named.value)) return [];
  const column = positionOf(doc, named.key.range[0]).character;
  const pad = ' '.repeat(column);
  const portValue = isScalar(port?.value) ? port.value.value : undefined;
  const portLine =
    typeof portValue === 'number' || (typeof portValue === 'string' && /^\d+$/.test(portValue))
      ? `number: ${Number(portValue)}`
      : portValue !== undefined && portValue !== null
        ? `name: ${yamlString(String(portValue))}`
        : undefined;
  const block = [`service:`, `${pad}  name: ${yamlString(String(named.value.value))}`, ...(portLine ? [`${pad}  port:`, `${pad}    ${portLine}`] : [])].join(
    '\n',
  );
  const start = doc.parsed.offset + named.key.range[0];
  const namedEnd = doc.parsed.offset + (named.value.range?.[1] ?? named.key.range[1]);
  const portEnd = port?.value?.range ? doc.parsed.offset + port.value.range[1] : undefined;
  const portStart = port?.key.range ? doc.parsed.offset + port.key.range[0] : undefined;
  if (portStart !== undefined && portEnd !== undefined && portStart > namedEnd && /^\s*$/.test(doc.file.text.slice(namedEnd, portStart))) {
    // serviceName directly followed by servicePort: one edit over both
    return [{ range: doc.file.lines.range(start, portEnd), newText: block }];
  }
  const edits: TextEdit[] = [{ range: doc.file.lines.range(start, namedEnd), newText: block }];
  if (portStart !== undefined && portEnd !== undefined) {
    const lineStart = doc.file.lines.offsetAt({ line: doc.file.lines.positionAt(portStart).line, character: 0 });
    const nextLine = doc.file.lines.offsetAt({ line: doc.file.lines.positionAt(portEnd).line + 1, character: 0 });
    if (/^\s*$/.test(doc.file.text.slice(lineStart, portStart))) edits.push({ range: doc.file.lines.range(lineStart, nextLine), newText: '' });
  }
  return edits;
}

/** Inserts `lines` as the first entries of the mapping at `path` (works on `- key:` lines too). */
function insertFirst(doc: YamlDocument, path: JsonPath, lines: readonly string[]): TextEdit[] {
  const found = locate(doc.parsed, path);
  const node = found.depth === path.length ? found.node : undefined;
  if (!isMap(node) || node.flow || node.items.length === 0) return [];
  const firstKey = node.items[0].key as Node | null;
  if (!firstKey?.range) return [];
  const at = positionOf(doc, firstKey.range[0]);
  const pad = ' '.repeat(at.character);
  return [{ range: { start: at, end: at }, newText: lines.map((l) => `${l}\n${pad}`).join('') }];
}
