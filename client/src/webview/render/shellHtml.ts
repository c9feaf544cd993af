/** The panel's fixed parts: toolbar (time controls, namespace, reset), view tabs, per-view filters. */
import { SPEED_CHOICES, STEP_CHOICES } from '../model/clock';
import { attrs, esc } from './html';

export type ViewId = 'nodes' | 'workloads' | 'network' | 'storage' | 'batch' | 'topology' | 'events' | 'access';

export const VIEWS: { id: ViewId; label: string }[] = [
  { id: 'nodes', label: 'Nodes' },
  { id: 'workloads', label: 'Workloads' },
  { id: 'network', label: 'Network' },
  { id: 'storage', label: 'Storage' },
  { id: 'batch', label: 'Jobs' },
  { id: 'topology', label: 'Topology' },
  { id: 'events', label: 'Events' },
  { id: 'access', label: 'Access' },
];

/** Tables per view; the first is always shown, the others only when they have objects. */
export const VIEW_TABLES: Partial<Record<ViewId, string[]>> = {
  workloads: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'hpas', 'pods'],
  network: ['services', 'ingresses'],
  storage: ['pvcs', 'pvs'],
  batch: ['jobs', 'cronjobs'],
};

/** Tables shown even when empty. */
export const ALWAYS_SHOWN = new Set(['deployments', 'pods', 'services', 'pvcs', 'jobs']);

const ICONS = {
  pause: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><rect x="4" y="3" width="3" height="10"/><rect x="9" y="3" width="3" height="10"/></svg>',
  play: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M5 3 L13 8 L5 13 z"/></svg>',
  step: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3 L10 8 L3 13 z"/><rect x="11" y="3" width="2" height="10"/></svg>',
};

export function pauseButtonContent(paused: boolean): string {
  return paused ? `${ICONS.play}<span>Resume</span>` : `${ICONS.pause}<span>Pause</span>`;
}

export function renderShell(): string {
  const speeds = SPEED_CHOICES.map(
    (s) =>
      `<button type="button"${attrs({ class: 'segment', 'data-action': 'speed', 'data-speed': s.speed, 'aria-pressed': 'false', 'data-testid': `speed-${s.label}`, title: s.speed === 0 ? 'As fast as possible' : `${s.label} real time` })}>${esc(s.label)}</button>`,
  ).join('');
  const steps = STEP_CHOICES.map((s) => `<option value="${s.ms}"${s.ms === 10_000 ? ' selected' : ''}>${esc(s.label)}</option>`).join('');
  const tabs = VIEWS.map(
    (v) =>
      `<button type="button"${attrs({ role: 'tab', id: `tab-${v.id}`, class: 'tab', 'aria-selected': 'false', 'aria-controls': 'view', tabindex: -1, 'data-action': 'view', 'data-view': v.id, 'data-testid': `tab-${v.id}` })}>${esc(v.label)}<span class="tab-badge" data-badge="${v.id}"></span></button>`,
  ).join('');
  return `<header class="toolbar" role="toolbar" aria-label="Simulation">
<div class="group time">
<button type="button" id="pause" class="primary" data-action="togglePause" data-testid="pause" aria-pressed="false">${pauseButtonContent(false)}</button>
<output id="clock" data-testid="clock" aria-label="Virtual time"><span class="clock-time">--:--:--</span><span class="clock-state"></span></output>
<span class="step-group"><button type="button" id="step" class="secondary" data-action="step" data-testid="step" title="Pause the clock and advance it by the chosen amount">${ICONS.step}<span>Step</span></button><select id="step-size" aria-label="Step size" data-testid="step-size">${steps}</select></span>
<span class="segmented" role="group" aria-label="Speed">${speeds}</span>
</div>
<div class="group scope">
<label class="inline-label narrow-hide" for="namespace">Namespace</label><select id="namespace" data-testid="namespace" title="Namespace"><option value="">all namespaces</option></select>
<button type="button" id="reset" class="danger" data-action="reset" data-testid="reset">Reset</button>
</div>
</header>
<nav class="tabs" role="tablist" aria-label="Views">${tabs}</nav>
<div id="banner" class="banner" role="alert" data-testid="banner" hidden></div>
<div class="layout">
<main id="view" role="tabpanel" tabindex="-1"><div id="view-toolbar" class="view-toolbar"></div><div id="view-body" class="view-body"></div></main>
<aside id="details" class="details" aria-labelledby="details-title" data-testid="details" hidden><div id="details-head"></div><div id="details-actions"></div><div id="details-tabs"></div><div id="details-body" class="details-body"></div></aside>
</div>
<div id="status" class="status" role="status" aria-live="polite" data-testid="status"></div>`;
}

export function renderNamespaceOptions(namespaces: string[], selected: string | undefined): string {
  const options = namespaces.map((ns) => `<option${attrs({ value: ns, selected: ns === selected })}>${esc(ns)}</option>`).join('');
  return `<option value=""${selected === undefined ? ' selected' : ''}>all namespaces</option>${options}`;
}

export interface ToolbarState {
  tableFilter: string;
  eventText: string;
  eventType: string;
}

/** The filter inputs of a view; rendered when the view changes, so typing is never interrupted. */
export function renderViewToolbar(view: ViewId, state: ToolbarState): string {
  switch (view) {
    case 'nodes':
      return '';
    case 'workloads':
    case 'network':
    case 'storage':
    case 'batch':
      return `<label class="inline-label" for="table-filter">Filter</label><input id="table-filter" type="search" placeholder="name, status, node…" data-testid="table-filter"${attrs({ value: state.tableFilter })}>`;
    case 'events':
      return `<label class="inline-label" for="event-text">Filter</label><input id="event-text" type="search" placeholder="reason, message, object…" data-testid="event-filter"${attrs({ value: state.eventText })}>
<label class="inline-label" for="event-type">Type</label><select id="event-type" data-testid="event-type">${['all', 'Normal', 'Warning']
        .map((t) => `<option${attrs({ value: t, selected: t === state.eventType })}>${t === 'all' ? 'All' : t}</option>`)
        .join('')}</select>`;
    case 'topology':
      return '<span class="hint">Ingress → Service → Pods ← ReplicaSet ← Deployment. Dashed orange links are broken.</span>';
    case 'access':
      return '<span class="hint">Ask the simulated API server whether a user, group or service account may do something.</span>';
  }
}
