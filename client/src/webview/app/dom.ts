/// <reference lib="dom" />
/** Small DOM helpers for the webview. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the panel`);
  return el as T;
}

/**
 * Replaces the content of `container` and puts the keyboard focus back on the element with the same
 * `data-focus-key`, so re-rendering a live view never throws the user out of it.
 */
export function replaceHtml(container: HTMLElement, html: string): void {
  const active = document.activeElement;
  const key = active instanceof Element && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  container.innerHTML = html;
  if (!key) return;
  const next = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (next instanceof HTMLElement || next instanceof SVGElement) next.focus({ preventScroll: true });
}

/** Sets text only when it differs (no layout work for unchanged text). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function refFromElement(el: Element): { kind: string; namespace?: string; name: string } | undefined {
  const kind = el.getAttribute('data-kind');
  const name = el.getAttribute('data-name');
  if (!kind || !name) return undefined;
  const namespace = el.getAttribute('data-namespace');
  return namespace ? { kind, namespace, name } : { kind, name };
}
