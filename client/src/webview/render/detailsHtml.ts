/** The details pane of the selected object: header, actions, and the Overview / Describe / YAML tabs. */
import type { KubeObject, ObjectRef } from '../../../../server/src/lsp/protocol';
import type { ActionSpec, ConditionRow, Revision } from '../model/details';
import type { EventLine } from '../model/events';
import { toYaml } from '../model/yaml';
import { renderEvents } from './eventsHtml';
import { attrs, esc } from './html';

export type DetailTab = 'overview' | 'describe' | 'yaml';
export const DETAIL_TABS: { id: DetailTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'describe', label: 'Describe' },
  { id: 'yaml', label: 'YAML' },
];

export interface DescribeState {
  state: 'loading' | 'ok' | 'error';
  text?: string;
}

export function renderDetailsHeader(ref: ObjectRef, exists: boolean, manifest: string | undefined): string {
  const where = ref.namespace ? `${ref.namespace}/` : '';
  return `<div class="details-head"><h2 id="details-title"><span class="kind-chip">${esc(ref.kind)}</span> <span class="details-name">${esc(where + ref.name)}</span></h2><button type="button" class="icon-button" data-action="closeDetails" aria-label="Close details" data-focus-key="closeDetails">✕</button></div>${
    exists ? '' : '<p class="notice tone-warn" data-testid="details-gone">This object no longer exists in the cluster.</p>'
  }<p class="manifest" data-testid="manifest-status">${manifest ? `<span>${esc(manifest)}</span> ` : ''}<button type="button" class="link-button" data-action="reveal" data-focus-key="reveal">Reveal manifest</button></p>`;
}

/** A signature of what the actions area shows: it is re-rendered only when this changes, so inputs keep their text. */
export function actionsSignature(specs: ActionSpec[], revisions: Revision[]): string {
  return JSON.stringify([specs.map((s) => [s.id, s.label, s.input, s.action]), revisions.map((r) => [r.revision, r.current])]);
}

export function renderActions(specs: ActionSpec[], revisions: Revision[]): string {
  if (specs.length === 0) return '';
  const render = (spec: ActionSpec): string => {
    const button = `<button type="button"${attrs({ class: spec.danger ? 'danger' : 'secondary', 'data-action': 'act', 'data-act': spec.id, 'data-testid': `action-${spec.id}`, 'data-focus-key': `act:${spec.id}` })}>${esc(spec.label)}</button>`;
    if (spec.input === 'replicas' && spec.action.type === 'scale') {
      return `<span class="action-group"><label class="inline-label" for="input-replicas">Replicas</label><input id="input-replicas" type="number" min="0" max="10000" step="1"${attrs({ value: spec.action.replicas, 'data-testid': 'input-replicas' })}>${button}</span>`;
    }
    if (spec.input === 'revision') {
      const options = revisions
        .filter((r) => !r.current)
        .map((r) => `<option value="${r.revision}">revision ${r.revision}${r.images ? ` (${esc(r.images)})` : ''}</option>`)
        .join('');
      return `<span class="action-group">${button}<label class="inline-label" for="input-revision">to</label><select id="input-revision" data-testid="input-revision"><option value="0">the previous revision</option>${options}</select></span>`;
    }
    return button;
  };
  const faults = specs.filter((s) => s.action.type === 'fault');
  const active = specs.filter((s) => s.action.type === 'clearFault');
  const others = specs.filter((s) => s.action.type !== 'fault' && s.action.type !== 'clearFault');
  const row = (label: string, items: ActionSpec[]): string =>
    items.length === 0
      ? ''
      : `<div class="actions" role="group" aria-label="${esc(label)}"><span class="actions-label">${esc(label)}</span>${items.map(render).join('')}</div>`;
  return row('Active faults', active) + row('Actions', others) + row('Inject fault', faults);
}

export function renderDetailTabs(active: DetailTab): string {
  return `<div class="subtabs" role="tablist" aria-label="Details">${DETAIL_TABS.map(
    (tab) =>
      `<button type="button"${attrs({
        role: 'tab',
        id: `detail-tab-${tab.id}`,
        'aria-selected': tab.id === active ? 'true' : 'false',
        tabindex: tab.id === active ? 0 : -1,
        'data-action': 'detailTab',
        'data-tab': tab.id,
        'data-focus-key': `detailTab:${tab.id}`,
      })}>${tab.label}</button>`,
  ).join('')}</div>`;
}

function renderConditions(conditions: ConditionRow[]): string {
  if (conditions.length === 0) return '<p class="empty">No conditions.</p>';
  const rows = conditions
    .map(
      (c) =>
        `<tr class="${c.status === 'True' ? '' : 'tone-warn'}"><td>${esc(c.type)}</td><td>${esc(c.status)}</td><td>${esc(c.reason)}</td><td class="nowrap">${esc(c.age)}</td><td class="message">${esc(c.message)}</td></tr>`,
    )
    .join('');
  return `<table class="kubectl compact" aria-label="Conditions"><thead><tr><th scope="col">TYPE</th><th scope="col">STATUS</th><th scope="col">REASON</th><th scope="col">AGE</th><th scope="col">MESSAGE</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export interface DetailsBodyInput {
  tab: DetailTab;
  object?: KubeObject;
  conditions: ConditionRow[];
  events: EventLine[];
  /** Virtual ms since the start (for event ages). */
  eventNow: number;
  describe?: DescribeState;
  /** The Secret with its values, when the user asked to reveal them. */
  revealed?: KubeObject;
}

export function renderDetailsBody(input: DetailsBodyInput): string {
  switch (input.tab) {
    case 'overview':
      return `<h3 class="section-title">Conditions</h3>${renderConditions(input.conditions)}<h3 class="section-title">Events</h3>${renderEvents(input.events, input.eventNow, { showObject: false, limit: 50 })}`;
    case 'describe': {
      const d = input.describe;
      if (!d || d.state === 'loading') return '<p class="empty" role="status">Loading…</p>';
      return `<pre class="code${d.state === 'error' ? ' tone-error' : ''}" data-testid="describe-text" tabindex="0">${esc(d.text ?? '')}</pre>`;
    }
    case 'yaml': {
      if (!input.object) return '<p class="empty">The object no longer exists.</p>';
      const shown = input.revealed ?? input.object;
      const toggle =
        input.object.kind !== 'Secret'
          ? ''
          : input.revealed
            ? '<p class="secret-note">Values shown. <button type="button" data-action="hideSecrets" data-testid="hide-secrets">Hide values</button></p>'
            : '<p class="secret-note">Secret values are masked. <button type="button" data-action="revealSecrets" data-testid="reveal-secrets">Reveal values</button></p>';
      return `${toggle}<pre class="code" data-testid="yaml-text" tabindex="0">${esc(toYaml(shown))}</pre>`;
    }
  }
}
