/**
 * missing-configmap / -secret / -pvc / -service-account: create a minimal object. It is appended to
 * the referring file as a new YAML document, so it is indexed at once, sits next to its user and
 * lands in the same Kustomize build. It carries every key the referring resource reads from it, so
 * no missing-key problem follows. missing-configmap-key / -secret-key: add the key to the object.
 */
import type { Reference } from '../../workspace/model';
import { referencesOf } from '../../workspace/references';
import type { CodeActionEntry, TextEdit } from '../types';
import { entryFor, targetsOf } from '../references/resolve';
import { yamlKey, yamlString } from '../yaml/scalar';
import type { FixContext } from './fixContext';
import { setEntries } from './yamlEdits';

const CREATABLE = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount']);

function samePath(a: readonly (string | number)[] | undefined, b: readonly (string | number)[]): boolean {
  return a !== undefined && a.length === b.length && a.every((s, i) => s === b[i]);
}

function referenceOf(ctx: FixContext, keyed: boolean): { reference: Reference; all: Reference[] } | undefined {
  const all = referencesOf(entryFor(ctx.req, ctx.resource));
  const reference = all.find((r) => samePath(keyed ? r.keyPath : r.path, ctx.path));
  return reference ? { reference, all } : undefined;
}

/** The text of a minimal object, as a YAML document (no leading marker). */
function objectText(kind: string, name: string, namespace: string | undefined, keys: readonly string[]): string {
  const lines = ['apiVersion: v1', `kind: ${kind}`, 'metadata:', `  name: ${yamlString(name)}`];
  if (namespace) lines.push(`  namespace: ${yamlString(namespace)}`);
  if (kind === 'ConfigMap') lines.push(...(keys.length > 0 ? ['data:', ...keys.map((k) => `  ${yamlKey(k)}: ""`)] : ['data: {}']));
  if (kind === 'Secret') lines.push('type: Opaque', ...(keys.length > 0 ? ['stringData:', ...keys.map((k) => `  ${yamlKey(k)}: ""`)] : ['stringData: {}']));
  if (kind === 'PersistentVolumeClaim') lines.push('spec:', '  accessModes:', '    - ReadWriteOnce', '  resources:', '    requests:', '      storage: 1Gi');
  return lines.join('\n') + '\n';
}

export function createMissingFix(ctx: FixContext): CodeActionEntry | undefined {
  const found = referenceOf(ctx, false);
  if (!found || !CREATABLE.has(found.reference.targetKind)) return undefined;
  const { reference, all } = found;
  const keys = [
    ...new Set(
      all.filter((r) => r.targetKind === reference.targetKind && r.targetName === reference.targetName && r.key !== undefined).map((r) => r.key as string),
    ),
  ];
  const namespace = reference.explicitNamespace ? reference.targetNamespace : ctx.resource.namespace;
  const text = ctx.req.file.text;
  const end = ctx.req.file.lines.positionAt(text.length);
  const separator = (text.length === 0 || text.endsWith('\n') ? '' : '\n') + '---\n';
  const edit: TextEdit = { range: { start: end, end }, newText: separator + objectText(reference.targetKind, reference.targetName, namespace, keys) };
  return {
    title: `Create ${reference.targetKind} '${reference.targetName}' at the end of this file`,
    kind: 'quickfix',
    diagnostic: ctx.diagnostic,
    edit: { changes: { [ctx.req.file.uri]: [edit] } },
  };
}

export function addKeyFix(ctx: FixContext): CodeActionEntry | undefined {
  const found = referenceOf(ctx, true);
  if (!found || found.reference.key === undefined) return undefined;
  const { reference } = found;
  const key = reference.key as string;
  for (const def of targetsOf(ctx.req, reference)) {
    const target = def.origin === 'manifest' ? def.source?.resource : undefined;
    if (!target) continue;
    // Secrets: plain text goes under stringData (data would need base64).
    const map = target.kind === 'Secret' && (target.object.stringData !== undefined || target.object.data === undefined) ? 'stringData' : 'data';
    const edits = setEntries({ file: target.file, parsed: target.parsed }, [map], [[key, '""']]);
    if (!edits) continue;
    return {
      title: `Add key '${key}' to ${target.kind} '${target.name ?? ''}'`,
      kind: 'quickfix',
      diagnostic: ctx.diagnostic,
      edit: { changes: { [target.uri]: edits } },
    };
  }
  return undefined;
}
