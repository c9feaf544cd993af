/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The toolbar (clock, pause, speed, step size, namespaces), the view tabs with their badges, the view's filters. */
import { formatElapsed, formatVirtualDate, speedLabel } from '../model/clock';
import type { ClusterModel } from '../model/clusterModel';
import { foldEvents } from '../model/events';
import { nodeStatus } from '../model/nodes';
import { summarizePod } from '../model/pods';
import { pauseButtonContent, renderNamespaceOptions, renderViewToolbar, type ViewId } from '../render/shellHtml';
import { byId, setText } from './dom';
import type { UiState } from './uiState';

/** Badges count over every pod and event: at most this often. */
const BADGE_INTERVAL_MS = 1000;

export class Header {
  private rendered = { namespaces: '', toolbar: '', badges: -1 };
  private badgesAt = Number.NEGATIVE_INFINITY;
  private badgesPending = false;

  /** `schedule` asks for another render (for badges held back by the interval). */
  constructor(
    private readonly model: ClusterModel,
    private readonly schedule: () => void,
  ) {}

  render(ui: UiState, time: number): void {
    this.renderClock(time);
    const stepSize = byId<HTMLSelectElement>('step-size');
    if (stepSize.value !== String(ui.stepMs)) stepSize.value = String(ui.stepMs);
    for (const tab of document.querySelectorAll<HTMLElement>('.tabs [role="tab"]')) {
      const active = tab.dataset.view === ui.view;
      tab.setAttribute('aria-selected', String(active));
      tab.setAttribute('tabindex', active ? '0' : '-1');
    }
    byId('view').setAttribute('aria-labelledby', `tab-${ui.view}`);
    const namespaces = this.model.namespaces();
    const signature = JSON.stringify([namespaces, ui.namespace]);
    if (signature !== this.rendered.namespaces) {
      this.rendered.namespaces = signature;
      byId('namespace').innerHTML = renderNamespaceOptions(namespaces, ui.namespace);
    }
    if (ui.view !== this.rendered.toolbar) {
      this.rendered.toolbar = ui.view;
      byId('view-toolbar').innerHTML = renderViewToolbar(ui.view, ui);
    }
    if (this.rendered.badges !== this.model.version) this.renderBadgesSoon();
  }

  private renderClock(time: number): void {
    const clock = this.model.clock;
    const clockEl = byId('clock');
    setText(clockEl.querySelector('.clock-time') as Element, this.model.loaded ? formatElapsed(time) : '--:--:--');
    setText(clockEl.querySelector('.clock-state') as Element, clock.paused ? 'paused' : speedLabel(clock.speed));
    clockEl.setAttribute('data-time', String(clock.time));
    clockEl.setAttribute('data-paused', String(clock.paused));
    clockEl.setAttribute('data-speed', String(clock.speed));
    clockEl.classList.toggle('paused', clock.paused);
    clockEl.title = this.model.loaded ? `Virtual time ${formatVirtualDate(clock, time)}` : '';
    const pause = byId('pause');
    if (pause.getAttribute('aria-pressed') !== String(clock.paused)) {
      pause.innerHTML = pauseButtonContent(clock.paused);
      pause.setAttribute('aria-pressed', String(clock.paused));
    }
    for (const button of document.querySelectorAll<HTMLElement>('[data-action="speed"]')) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.speed) === clock.speed));
    }
  }

  private renderBadgesSoon(): void {
    const wait = this.badgesAt + BADGE_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.rendered.badges = this.model.version;
      this.badgesAt = performance.now();
      this.renderBadges();
    } else if (!this.badgesPending) {
      this.badgesPending = true;
      window.setTimeout(() => {
        this.badgesPending = false;
        this.schedule();
      }, wait);
    }
  }

  private renderBadges(): void {
    const now = this.model.now();
    const failing = this.model.list('Pod').filter((p) => summarizePod(p, now).category === 'failing').length;
    const warnings = foldEvents(this.model.events).filter((e) => e.type === 'Warning').length;
    const notReady = this.model.list('Node').filter((n) => !nodeStatus(n).ready).length;
    const set = (view: ViewId, count: number, label: string): void => {
      const badge = document.querySelector(`[data-badge="${view}"]`);
      if (!badge) return;
      setText(badge, count > 0 ? String(count) : '');
      badge.setAttribute('aria-label', count > 0 ? `${count} ${label}` : '');
    };
    set('nodes', notReady, 'nodes not ready');
    set('workloads', failing, 'failing pods');
    set('events', warnings, 'warnings');
  }
}
