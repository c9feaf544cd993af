/// <reference lib="dom" />
/** Keyboard navigation: arrow keys inside pod grids and tab lists (one tab stop per widget). */

function focusable(el: Element | null | undefined): el is HTMLElement {
  return el instanceof HTMLElement;
}

function moveFocus(from: HTMLElement, to: HTMLElement | undefined): boolean {
  if (!to || to === from) return false;
  from.setAttribute('tabindex', '-1');
  to.setAttribute('tabindex', '0');
  to.focus();
  return true;
}

/** Arrow keys, Home and End inside a pod grid. Up and Down move by one visual row. */
export function navigatePodGrid(pod: HTMLElement, key: string): boolean {
  const grid = pod.parentElement;
  if (!grid) return false;
  const pods = Array.from(grid.children).filter(focusable);
  const index = pods.indexOf(pod);
  const perRow = Math.max(1, pods.filter((p) => p.offsetTop === pods[0].offsetTop).length);
  const target: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + perRow,
    ArrowUp: index - perRow,
    Home: 0,
    End: pods.length - 1,
  };
  if (!(key in target)) return false;
  return moveFocus(pod, pods[Math.min(pods.length - 1, Math.max(0, target[key]))]);
}

/** Left/Right (and Home/End) between the tabs of a tablist; the tab is activated by the caller. */
export function navigateTabs(tab: HTMLElement, key: string): HTMLElement | undefined {
  const list = tab.closest('[role="tablist"]');
  if (!list) return undefined;
  const tabs = Array.from(list.querySelectorAll('[role="tab"]')).filter(focusable);
  const index = tabs.indexOf(tab);
  const target: Record<string, number> = {
    ArrowRight: (index + 1) % tabs.length,
    ArrowLeft: (index - 1 + tabs.length) % tabs.length,
    Home: 0,
    End: tabs.length - 1,
  };
  if (!(key in target)) return undefined;
  const next = tabs[target[key]];
  next.focus();
  return next;
}
