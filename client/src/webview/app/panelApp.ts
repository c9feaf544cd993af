/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The cluster panel in the webview: keeps the model up to date from the host's snapshots and deltas,
 * re-renders at most once per animation frame, and turns clicks and keys into requests.
 */
import type { ClusterAction, ObjectRef } from '../../../../server/src/lsp/protocol';
import type { HostToWebview } from '../../panel/messages';
import { interpolatedTime } from '../model/clock';
import { ClusterModel } from '../model/clusterModel';
import type { DetailTab } from '../render/detailsHtml';
import { renderShell, VIEWS, type ViewId } from '../render/shellHtml';
import { CanIBox, readCanIForm } from './canIBox';
import { DetailsPane } from './detailsPane';
import { byId, refFromElement, setText } from './dom';
import { Header } from './header';
import { Host } from './host';
import { navigatePodGrid, navigateTabs } from './keyboard';
import { restoreUiState, type UiState } from './uiState';
import { loadingHtml, ViewRenderer } from './views';

const RESET_CONFIRM_MS = 4000;
/** How long the status line keeps a message before it clears it as stale (wall ms). */
export const STATUS_KEEP_MS = { info: 8000, error: 20_000 } as const;
/** The User Timing measure of each render. */
export const RENDER_MEASURE = 'shipshape:render';
const TICK_MS = 500;

export class PanelApp {
  private readonly model = new ClusterModel();
  private readonly host: Host;
  private ui: UiState;
  private views!: ViewRenderer;
  private frame: number | undefined;
  /** performance.now() when the last clock report arrived. */
  private reportedAt = performance.now();
  private unavailable: string | undefined;
  private resetTimer: number | undefined;
  private statusTimer: number | undefined;
  private readonly header: Header;
  private readonly details: DetailsPane;
  private readonly canI: CanIBox;
  /** The key of what the view last rendered, to skip work when nothing changed. */
  private renderedView = '';

  constructor(private readonly root: HTMLElement) {
    this.host = new Host((message) => this.onPush(message));
    this.ui = restoreUiState(this.host.getState());
    this.header = new Header(this.model, () => this.schedule());
    this.details = new DetailsPane(
      this.model,
      this.host,
      () => this.ui,
      () => this.schedule(),
    );
    this.canI = new CanIBox(this.host);
  }

  start(): void {
    this.root.innerHTML = renderShell();
    this.views = new ViewRenderer(byId('view-body'));
    byId('view-body').innerHTML = loadingHtml('Loading the simulated cluster…');
    for (const type of ['click', 'keydown', 'input', 'change', 'submit'] as const) document.addEventListener(type, (event) => this.onDomEvent(event));
    window.addEventListener('error', (event) => this.host.log('error', `${event.message} (${event.filename}:${event.lineno})`));
    window.setInterval(() => {
      if (this.model.loaded && !this.model.clock.paused && this.model.clock.speed > 0) this.schedule();
    }, TICK_MS);
    this.host.post({ type: 'ready' });
    if (this.ui.selected) this.details.requestDescribe(this.ui.selected);
    this.schedule();
  }

  // ---- host messages ----

  private onPush(message: HostToWebview): void {
    switch (message.type) {
      case 'snapshot':
        this.model.loadSnapshot(message.snapshot);
        this.unavailable = undefined;
        this.reportedAt = performance.now();
        break;
      case 'delta': {
        const change = this.model.applyDelta(message.delta);
        if (change.clock) this.reportedAt = performance.now();
        this.details.objectsChanged(change.keys);
        break;
      }
      case 'unavailable':
        this.unavailable = message.reason;
        break;
      case 'notice':
        this.status(message.message, message.tone);
        return;
      default:
        return;
    }
    this.schedule();
  }

  // ---- rendering ----

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const start = performance.now();
      try {
        this.render();
      } catch (error) {
        this.host.log('error', `render failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      // Observable with a PerformanceObserver (the benchmark does); cleared so nothing accumulates.
      performance.measure(RENDER_MEASURE, { start, detail: { view: this.ui.view } });
      performance.clearMeasures(RENDER_MEASURE);
    });
  }

  /** Virtual ms since the start, moving smoothly between reports. */
  private displayTime(): number {
    return interpolatedTime(this.model.clock, performance.now() - this.reportedAt);
  }

  private render(): void {
    const banner = byId('banner');
    banner.hidden = this.unavailable === undefined;
    setText(banner, this.unavailable ?? '');
    const time = this.displayTime();
    this.header.render(this.ui, time);
    if (!this.model.loaded) return;
    const ui = this.ui;
    // Ages change every second; the nodes view shows none.
    const second = ui.view === 'nodes' ? 0 : Math.floor(time / 1000);
    const viewKey = JSON.stringify([this.model.version, ui.view, ui.namespace, ui.tableFilter, ui.eventText, ui.eventType, ui.expanded, ui.selected, second]);
    if (viewKey !== this.renderedView) {
      this.renderedView = viewKey;
      this.views.render(this.model, ui, time);
      if (ui.view === 'access') this.canI.restore();
    }
    this.details.render(time);
  }

  // ---- user input ----

  private onDomEvent(event: Event): void {
    const target = event.target;
    if (!(target instanceof Element)) return;
    switch (event.type) {
      case 'click': {
        const action = target.closest<HTMLElement>('[data-action]');
        if (action) {
          if (action instanceof HTMLButtonElement && action.disabled) return;
          this.onAction(action);
          return;
        }
        const selectable = target.closest('[data-select]');
        if (selectable) this.select(refFromElement(selectable), true);
        return;
      }
      case 'keydown':
        this.onKey(event as KeyboardEvent, target);
        return;
      case 'input':
      case 'change':
        this.onField(target);
        return;
      case 'submit':
        if (target.id === 'can-i') {
          event.preventDefault();
          const values = readCanIForm(target as HTMLFormElement);
          this.update({ canI: values });
          void this.canI.ask(values);
        }
        return;
    }
  }

  private onKey(event: KeyboardEvent, target: Element): void {
    if (target instanceof HTMLElement && target.classList.contains('pod') && navigatePodGrid(target, event.key)) {
      event.preventDefault();
      return;
    }
    if (target instanceof HTMLElement && target.getAttribute('role') === 'tab') {
      const next = navigateTabs(target, event.key);
      if (next) {
        event.preventDefault();
        this.onAction(next);
        return;
      }
    }
    const isNative =
      target instanceof HTMLButtonElement ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLAnchorElement;
    if ((event.key === 'Enter' || event.key === ' ') && !isNative && target.hasAttribute('data-select')) {
      event.preventDefault();
      this.select(refFromElement(target), true);
      return;
    }
    if (event.key === 'Escape' && this.ui.selected && !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) {
      this.closeDetails();
    }
  }

  private onField(target: Element): void {
    const value = (target as HTMLInputElement | HTMLSelectElement).value;
    switch (target.id) {
      case 'namespace':
        this.update({ namespace: value || undefined });
        this.views.reset();
        return;
      case 'table-filter':
        this.update({ tableFilter: value });
        return;
      case 'event-text':
        this.update({ eventText: value });
        return;
      case 'event-type':
        this.update({ eventType: value === 'Normal' || value === 'Warning' ? value : 'all' });
        return;
      case 'step-size':
        this.update({ stepMs: Number.isFinite(Number(value)) ? Number(value) : 10_000 });
        return;
    }
    const form = target.closest('form');
    if (form?.id === 'can-i') this.update({ canI: readCanIForm(form) });
  }

  private onAction(el: HTMLElement): void {
    switch (el.dataset.action) {
      case 'view':
        if (el.dataset.view && VIEWS.some((v) => v.id === el.dataset.view)) this.update({ view: el.dataset.view as ViewId });
        return;
      case 'detailTab':
        this.update({ detailTab: el.dataset.tab as DetailTab });
        this.details.showTab();
        return;
      case 'expand':
        if (el.dataset.table) this.update({ expanded: [...this.ui.expanded, el.dataset.table] });
        return;
      case 'closeDetails':
        this.closeDetails();
        return;
      case 'reveal':
        if (this.ui.selected) this.details.reveal(this.ui.selected);
        return;
      case 'revealSecrets':
      case 'hideSecrets':
        if (this.ui.selected) this.details.revealSecrets(this.ui.selected, el.dataset.action === 'hideSecrets');
        return;
      case 'togglePause':
        void this.act(this.model.clock.paused ? { type: 'resume' } : { type: 'pause' });
        return;
      case 'step':
        void this.act({ type: 'step', ms: this.ui.stepMs });
        return;
      case 'speed':
        void this.act({ type: 'setSpeed', speed: Number(el.dataset.speed) });
        return;
      case 'reset':
        this.onReset(el);
        return;
      case 'act': {
        const request = this.details.action(el.dataset.act ?? '');
        if (request && 'action' in request) void this.act(request.action);
        else if (request) {
          this.status(request.error, 'error');
          request.field?.focus();
        }
        return;
      }
    }
  }

  private update(patch: Partial<UiState>): void {
    this.ui = { ...this.ui, ...patch };
    if ('namespace' in patch && patch.namespace === undefined) delete this.ui.namespace;
    this.host.setState(this.ui);
    this.schedule();
  }

  // ---- selection and details ----

  private select(ref: ObjectRef | undefined, reveal: boolean): void {
    if (!ref) return;
    this.update({ selected: ref });
    this.details.requestDescribe(ref);
    if (reveal) this.details.reveal(ref);
    requestAnimationFrame(() => {
      if (byId('details').contains(document.activeElement)) return;
      byId('details').scrollTop = 0;
    });
  }

  private closeDetails(): void {
    const previous = this.ui.selected;
    const rest = { ...this.ui };
    delete rest.selected;
    this.ui = rest;
    this.host.setState(this.ui);
    this.schedule();
    if (previous) {
      requestAnimationFrame(() => {
        const again = document.querySelector<HTMLElement>(`[data-select][data-kind="${CSS.escape(previous.kind)}"][data-name="${CSS.escape(previous.name)}"]`);
        (again ?? byId('view')).focus({ preventScroll: true });
      });
    }
  }

  private async act(action: ClusterAction): Promise<void> {
    this.status('Working…', 'info');
    const reply = await this.host.request<'result'>({ type: 'action', action });
    if (reply.ok) {
      // The clock state may not change any object, so no delta would report it: show it at once.
      if (action.type === 'pause' || action.type === 'resume') this.model.clock = { ...this.model.clock, paused: action.type === 'pause' };
      if (action.type === 'setSpeed') this.model.clock = { ...this.model.clock, speed: action.speed };
      this.reportedAt = performance.now();
      this.model.version++;
    }
    this.status(reply.message || (reply.ok ? 'Done.' : 'The action failed.'), reply.ok ? 'info' : 'error');
    this.schedule();
  }

  private onReset(button: HTMLElement): void {
    if (this.resetTimer === undefined) {
      button.classList.add('armed');
      setText(button, 'Confirm reset');
      this.status('Press "Confirm reset" to delete everything and start a fresh cluster.', 'info');
      this.resetTimer = window.setTimeout(() => this.disarmReset(button), RESET_CONFIRM_MS);
      return;
    }
    this.disarmReset(button);
    this.status('Resetting…', 'info');
    void this.host.request<'result'>({ type: 'reset' }).then((reply) => this.status(reply.message, reply.ok ? 'info' : 'error'));
  }

  private disarmReset(button: HTMLElement): void {
    window.clearTimeout(this.resetTimer);
    this.resetTimer = undefined;
    button.classList.remove('armed');
    setText(button, 'Reset');
  }

  /** Shows a message in the status line; it clears itself once stale (a newer message replaces it at once). */
  private status(text: string, tone: 'info' | 'error'): void {
    const el = byId('status');
    el.classList.toggle('tone-error', tone === 'error');
    el.dataset.tone = tone;
    el.title = text;
    setText(el, text);
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => {
      if (el.textContent !== text) return;
      setText(el, '');
      el.title = '';
      delete el.dataset.tone;
    }, STATUS_KEEP_MS[tone]);
  }
}
