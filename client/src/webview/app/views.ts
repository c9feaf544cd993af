/// <reference lib="dom" />
/** Renders the active view's body from the model and the UI state. */
import type { ClusterModel } from '../model/clusterModel';
import { filterEvents } from '../model/events';
import { nodeCards } from '../model/nodes';
import { ingressRoutes } from '../model/services';
import { buildTable } from '../model/tables';
import { buildTopology } from '../model/topology';
import { renderCanIForm } from '../render/canIHtml';
import { renderEvents } from '../render/eventsHtml';
import { esc } from '../render/html';
import { ALWAYS_SHOWN, VIEW_TABLES, type ViewId } from '../render/shellHtml';
import { renderIngressRoutes, renderTable, ROW_LIMIT } from '../render/tablesHtml';
import { renderTopology } from '../render/topologySvg';
import { replaceHtml } from './dom';
import { NodeGrid } from './nodeGrid';
import type { UiState } from './uiState';

const selectedKeyOf = (ui: UiState): string | undefined => (ui.selected ? `${ui.selected.kind}/${ui.selected.namespace ?? ''}/${ui.selected.name}` : undefined);

/** The HTML of a table view (Workloads, Network, Storage, Jobs). */
export function tablesHtml(model: ClusterModel, ui: UiState, view: ViewId): string {
  const selectedKey = selectedKeyOf(ui);
  const parts: string[] = [];
  for (const id of VIEW_TABLES[view] ?? []) {
    const table = buildTable(model, id, { namespace: ui.namespace, filter: ui.tableFilter, ...(ui.expanded.includes(id) ? {} : { limit: ROW_LIMIT }) });
    if (table.total === 0 && !ALWAYS_SHOWN.has(id)) continue;
    parts.push(renderTable(table, { expanded: ui.expanded.includes(id), selectedKey }));
    if (id === 'services') {
      const filter = ui.tableFilter.trim().toLowerCase();
      const routes = ingressRoutes(model, ui.namespace).filter(
        (r) => !filter || [r.ingress, r.host, r.path, r.service ?? ''].some((v) => v.toLowerCase().includes(filter)),
      );
      parts.push(renderIngressRoutes(routes, ui.namespace === undefined));
    }
  }
  return parts.join('');
}

export function eventsHtml(model: ClusterModel, ui: UiState, now: number): string {
  const query = { text: ui.eventText, type: ui.eventType, ...(ui.namespace !== undefined ? { namespace: ui.namespace } : {}) };
  return renderEvents(filterEvents(model.events, query), now, { total: model.events.length });
}

/** Owns the view body element and renders whichever view is active into it. */
export class ViewRenderer {
  private grid: NodeGrid | undefined;
  private current: ViewId | undefined;

  constructor(private readonly body: HTMLElement) {}

  render(model: ClusterModel, ui: UiState, eventNow: number): void {
    const switched = this.current !== ui.view;
    this.current = ui.view;
    if (ui.view !== 'nodes') this.grid = undefined;
    switch (ui.view) {
      case 'nodes':
        if (!this.grid || switched) this.grid = new NodeGrid(this.body);
        this.grid.update(nodeCards(model), { namespace: ui.namespace, selectedKey: selectedKeyOf(ui) });
        return;
      case 'topology':
        replaceHtml(this.body, `<div class="topology-scroll">${renderTopology(buildTopology(model, ui.namespace), selectedKeyOf(ui))}</div>`);
        return;
      case 'events':
        replaceHtml(this.body, eventsHtml(model, ui, eventNow));
        return;
      case 'access':
        if (switched) {
          const accounts = model.list('ServiceAccount').map((sa) => `${sa.metadata.namespace ?? ''}/${sa.metadata.name}`);
          replaceHtml(this.body, renderCanIForm(ui.canI, accounts));
        }
        return;
      default:
        replaceHtml(this.body, tablesHtml(model, ui, ui.view));
    }
  }

  /** Forces the next render to rebuild the view (after the namespace changes, for example). */
  reset(): void {
    this.current = undefined;
  }
}

export function loadingHtml(text: string): string {
  return `<p class="empty" role="status">${esc(text)}</p>`;
}
