/** The event stream as a table: TYPE, REASON, AGE, FROM, OBJECT, MESSAGE (newest first, capped). */
import { eventAge, type EventLine } from '../model/events';
import { attrs, esc, refAttrs } from './html';

/** Lines shown at most; the filter narrows the rest down. */
export const EVENT_LIMIT = 200;

export function renderEvents(lines: EventLine[], now: number, options: { limit?: number; showObject?: boolean; total?: number } = {}): string {
  const limit = options.limit ?? EVENT_LIMIT;
  const showObject = options.showObject ?? true;
  if (lines.length === 0) {
    return `<p class="empty" data-testid="events-empty">${options.total ? 'No events match the filter.' : 'No events yet.'}</p>`;
  }
  const shown = lines.slice(0, limit);
  const header = ['TYPE', 'REASON', 'AGE', 'FROM', ...(showObject ? ['OBJECT'] : []), 'MESSAGE'].map((c) => `<th scope="col">${c}</th>`).join('');
  const rows = shown
    .map((line) => {
      const object = `${line.object.kind.toLowerCase()}/${line.object.name}`;
      const cells = [
        `<td class="type"><span class="event-type type-${esc(line.type)}">${esc(line.type)}</span></td>`,
        `<td class="reason">${esc(line.reason)}</td>`,
        `<td class="age nowrap">${esc(eventAge(line, now))}</td>`,
        `<td class="from">${esc(line.from)}</td>`,
        ...(showObject ? [`<td class="object">${esc(object)}</td>`] : []),
        `<td class="message">${esc(line.message)}</td>`,
      ].join('');
      return `<tr${attrs({
        class: `event${line.type === 'Warning' ? ' tone-warn' : ''}`,
        'data-testid': 'event',
        'data-type': line.type,
        'data-reason': line.reason,
        'data-select': showObject,
        tabindex: showObject ? 0 : undefined,
        'data-focus-key': showObject ? `event:${line.key}` : undefined,
        ...(showObject ? refAttrs(line.object) : {}),
      })}>${cells}</tr>`;
    })
    .join('');
  const more =
    lines.length > shown.length ? `<p class="more">Showing the newest ${shown.length} of ${lines.length} events; filter to narrow them down.</p>` : '';
  return `<div class="table-scroll"><table class="kubectl events" aria-label="Events"><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}
