import { PRINT_ORDER, printKind } from '../print/tables';
import type { KObject } from '../types';
import type { ScenarioResult } from './types';

const HIDDEN_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(3)}s`;
}

/** The human-readable report: step output, kubectl tables at each snapshot, then the event stream. */
export function renderText(result: ScenarioResult, epoch: number): string {
  const lines: string[] = [];
  let snapshot = 0;
  for (const step of result.steps) {
    lines.push(`[${seconds(step.time)}] ${step.step}`);
    for (const line of step.output) lines.push(`  ${line}`);
    if (step.step.startsWith('snapshot')) {
      const snap = result.snapshots[snapshot++];
      if (snap) lines.push(renderSnapshot(snap.objects, snap.time + epoch));
    }
  }
  if (result.events.length > 0) {
    lines.push('', 'EVENTS');
    const rows = result.events.map((e) => [seconds(e.time), e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.source, e.message]);
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(['TIME', 'TYPE', 'REASON', 'OBJECT', 'SOURCE'][i].length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]): string => r.map((c, i) => (i < 5 ? c.padEnd(widths[i] + 3) : c)).join('');
    lines.push(fmt(['TIME', 'TYPE', 'REASON', 'OBJECT', 'SOURCE', 'MESSAGE']), ...rows.map(fmt));
  }
  if (result.failures.length > 0) {
    lines.push('', 'FAILURES');
    for (const f of result.failures) lines.push(`  step ${f.index + 1} (${f.step}) at ${seconds(f.time)}: ${f.message}`);
  }
  return lines.join('\n') + '\n';
}

function renderSnapshot(objects: KObject[], now: number): string {
  const out: string[] = [];
  for (const kind of PRINT_ORDER) {
    const items = objects.filter((o) => o.kind === kind && !HIDDEN_NAMESPACES.has(o.metadata.namespace ?? '') && !((kind === 'Service' || kind === 'Endpoints') && o.metadata.name === 'kubernetes' && o.metadata.namespace === 'default'));
    const table = printKind(kind, items, now);
    if (table) out.push(table.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  return out.join('\n\n');
}
