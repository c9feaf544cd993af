/** kubectl-like tables as HTML. Long tables show their first rows and a button to show them all. */
import type { IngressRoute } from '../model/services';
import type { TableView } from '../model/tables';
import { attrs, esc, refAttrs } from './html';

/** Rows shown before "Show all" (pass it as the table query's limit too). */
export const ROW_LIMIT = 100;

export interface TableRenderOptions {
  /** Show every row. */
  expanded?: boolean;
  /** Key of the selected object. */
  selectedKey?: string;
  limit?: number;
}

export function renderTable(table: TableView, options: TableRenderOptions = {}): string {
  const limit = options.expanded ? Number.POSITIVE_INFINITY : (options.limit ?? ROW_LIMIT);
  const shown = table.rows.slice(0, limit);
  const head = `<h3 class="section-title">${esc(table.title)} <span class="count" aria-label="${table.matched} rows">${table.matched}</span></h3>`;
  if (table.matched === 0) {
    const text = table.total === 0 ? 'No resources found.' : 'No rows match the filter.';
    return `<section class="table-section"${attrs({ 'data-table': table.id })}>${head}<p class="empty">${text}</p></section>`;
  }
  const statusColumn = table.columns.indexOf('STATUS');
  const header = table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  const body = shown
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => {
          if (i === statusColumn && row.category) return `<td><span class="pod-status cat-${row.category}">${esc(cell)}</span></td>`;
          return `<td>${esc(cell)}</td>`;
        })
        .join('');
      const selected = row.key === options.selectedKey;
      return `<tr${attrs({
        class: `row${row.tone ? ` tone-${row.tone}` : ''}${selected ? ' selected' : ''}`,
        tabindex: 0,
        'data-testid': 'row',
        'data-select': true,
        'data-key': row.key,
        'data-focus-key': `row:${row.key}`,
        'aria-selected': selected ? 'true' : 'false',
        ...refAttrs(row.ref),
      })}>${cells}</tr>`;
    })
    .join('');
  const more =
    table.matched > shown.length
      ? `<p class="more">Showing ${shown.length} of ${table.matched}. <button type="button"${attrs({ 'data-action': 'expand', 'data-table': table.id, 'data-focus-key': `expand:${table.id}` })}>Show all ${table.matched}</button></p>`
      : '';
  return `<section class="table-section"${attrs({ 'data-table': table.id })}>${head}<div class="table-scroll"><table class="kubectl" aria-label="${esc(table.title)}"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table></div>${more}</section>`;
}

/** Ingress routes: host and path → service:port → the pods behind it. */
export function renderIngressRoutes(routes: IngressRoute[], allNamespaces: boolean): string {
  const head = `<h3 class="section-title">Ingress routes <span class="count">${routes.length}</span></h3>`;
  if (routes.length === 0) return `<section class="table-section" data-table="routes">${head}<p class="empty">No resources found.</p></section>`;
  const columns = [...(allNamespaces ? ['NAMESPACE'] : []), 'INGRESS', 'HOST', 'PATH', '', 'SERVICE:PORT', '', 'PODS'];
  const rows = routes
    .map((r) => {
      const tone = !r.serviceExists || (r.service && !r.portExists) ? 'error' : r.problem ? 'warn' : 'ok';
      const pods =
        r.readyPods.length > 0
          ? `${r.readyPods.length} ready: ${r.readyPods.slice(0, 3).join(', ')}${r.readyPods.length > 3 ? ', …' : ''}`
          : (r.problem ?? 'none');
      const service = r.service ? `${r.service}:${r.port ?? ''}` : '<none>';
      const cells = [...(allNamespaces ? [r.namespace] : []), r.ingress, r.host, r.path, '→', service, '→', pods];
      return `<tr${attrs({
        class: `row tone-${tone}`,
        tabindex: 0,
        'data-testid': 'route',
        'data-select': true,
        'data-focus-key': `route:${r.namespace}/${r.ingress}/${r.host}${r.path}`,
        'data-broken': tone === 'error' ? 'true' : undefined,
        ...refAttrs({ kind: 'Ingress', namespace: r.namespace, name: r.ingress }),
        title: r.problem,
      })}>${cells.map((c, i) => `<td${c === '→' && columns[i] === '' ? ' class="arrow" aria-hidden="true"' : ''}>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const header = columns.map((c) => (c === '' ? '<th aria-hidden="true"></th>' : `<th scope="col">${esc(c)}</th>`)).join('');
  return `<section class="table-section" data-table="routes">${head}<div class="table-scroll"><table class="kubectl routes" aria-label="Ingress routes"><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
