/** What the user chose in the panel. Persisted with the webview state, so it survives hiding and reloads. */
import type { ObjectRef } from '../../../../server/src/lsp/protocol';
import type { EventTypeFilter } from '../model/events';
import { DEFAULT_CAN_I, type CanIForm } from '../render/canIHtml';
import type { DetailTab } from '../render/detailsHtml';
import { VIEWS, type ViewId } from '../render/shellHtml';

export interface UiState {
  view: ViewId;
  /** Undefined: all namespaces. */
  namespace?: string;
  tableFilter: string;
  eventText: string;
  eventType: EventTypeFilter;
  /** Tables showing all their rows. */
  expanded: string[];
  selected?: ObjectRef;
  detailTab: DetailTab;
  canI: CanIForm;
  stepMs: number;
}

export const DEFAULT_UI: UiState = {
  view: 'nodes',
  tableFilter: '',
  eventText: '',
  eventType: 'all',
  expanded: [],
  detailTab: 'overview',
  canI: DEFAULT_CAN_I,
  stepMs: 10_000,
};

/** A persisted state from an older or newer panel may lack fields or carry wrong ones: keep what fits. */
export function restoreUiState(saved: unknown): UiState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof UiState, unknown>>;
  const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
  const view = VIEWS.some((v) => v.id === s.view) ? (s.view as ViewId) : DEFAULT_UI.view;
  const selected = s.selected as ObjectRef | undefined;
  const canI = (typeof s.canI === 'object' && s.canI !== null ? s.canI : {}) as Partial<CanIForm>;
  return {
    view,
    ...(typeof s.namespace === 'string' && s.namespace ? { namespace: s.namespace } : {}),
    tableFilter: text(s.tableFilter, ''),
    eventText: text(s.eventText, ''),
    eventType: s.eventType === 'Normal' || s.eventType === 'Warning' ? s.eventType : 'all',
    expanded: Array.isArray(s.expanded) ? s.expanded.filter((e): e is string => typeof e === 'string') : [],
    ...(selected && typeof selected.kind === 'string' && typeof selected.name === 'string'
      ? { selected: { kind: selected.kind, name: selected.name, ...(typeof selected.namespace === 'string' ? { namespace: selected.namespace } : {}) } }
      : {}),
    detailTab: s.detailTab === 'describe' || s.detailTab === 'yaml' ? s.detailTab : 'overview',
    canI: {
      subjectKind: canI.subjectKind === 'User' || canI.subjectKind === 'Group' ? canI.subjectKind : 'ServiceAccount',
      subjectName: text(canI.subjectName, DEFAULT_CAN_I.subjectName),
      subjectNamespace: text(canI.subjectNamespace, DEFAULT_CAN_I.subjectNamespace),
      verb: text(canI.verb, DEFAULT_CAN_I.verb),
      resource: text(canI.resource, DEFAULT_CAN_I.resource),
      namespace: text(canI.namespace, DEFAULT_CAN_I.namespace),
    },
    stepMs: typeof s.stepMs === 'number' && s.stepMs >= 0 ? s.stepMs : DEFAULT_UI.stepMs,
  };
}
