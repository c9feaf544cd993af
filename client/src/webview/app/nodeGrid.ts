/// <reference lib="dom" />
/**
 * The Nodes view, patched in place: node cards and pod squares are created once and then only
 * updated (class, attributes, bar widths), so a delta touching a few pods touches a few elements,
 * colour changes animate, and keyboard focus stays where it is. No element has its own listener:
 * clicks and keys are delegated from the document.
 */
import { formatCpu, formatMemory, fraction, UNSCHEDULED, type NodeCard, type Usage } from '../model/nodes';
import { POD_CATEGORIES, POD_CATEGORY_LABELS, type PodCategory, type PodSummary } from '../model/pods';

interface Bar {
  meter: HTMLElement;
  fill: HTMLElement;
  text: HTMLElement;
}

interface CardElements {
  root: HTMLElement;
  title: HTMLButtonElement;
  badges: HTMLElement;
  bars: { cpu: Bar; memory: Bar; pods: Bar };
  grid: HTMLElement;
  pods: Map<string, HTMLElement>;
  signature: string;
}

export interface NodeGridOptions {
  /** Pods of other namespaces are dimmed. */
  namespace?: string;
  selectedKey?: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  parent?.appendChild(el);
  return el;
}

function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function bar(parent: HTMLElement, label: string): Bar {
  const row = element('div', 'bar-row', parent);
  element('span', 'bar-label', row).textContent = label;
  const meter = element('div', 'bar', row);
  meter.setAttribute('role', 'meter');
  meter.setAttribute('aria-label', `${label} requested`);
  meter.setAttribute('aria-valuemin', '0');
  meter.setAttribute('aria-valuemax', '100');
  const fill = element('div', 'fill', meter);
  const text = element('span', 'bar-text', row);
  return { meter, fill, text };
}

function updateBar(b: Bar, usage: Usage, text: string): void {
  const pct = Math.round(fraction(usage) * 100);
  const width = `${pct}%`;
  if (b.fill.style.width !== width) b.fill.style.width = width;
  const level = usage.requested > usage.allocatable && usage.allocatable > 0 ? 'over' : pct >= 90 ? 'high' : pct >= 70 ? 'mid' : 'low';
  const className = `fill level-${level}`;
  if (b.fill.className !== className) b.fill.className = className;
  setAttr(b.meter, 'aria-valuenow', String(pct));
  setAttr(b.meter, 'aria-valuetext', text);
  if (b.text.textContent !== text) b.text.textContent = text;
}

function podLabel(pod: PodSummary): string {
  return `Pod ${pod.namespace}/${pod.name}: ${pod.status}, ${pod.readyText} ready, ${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}`;
}

/** Everything a pod square shows; the element is only touched when this changes. */
function podSignature(pod: PodSummary, dim: boolean, selected: boolean): string {
  return `${pod.category}|${pod.phase}|${pod.status}|${pod.ready}|${pod.readyText}|${pod.restarts}|${pod.node ?? ''}|${dim}|${selected}`;
}

const signatures = new WeakMap<HTMLElement, string>();

function updatePod(el: HTMLElement, pod: PodSummary, options: NodeGridOptions): void {
  const dim = options.namespace !== undefined && pod.namespace !== options.namespace;
  const selected = pod.key === options.selectedKey;
  const signature = podSignature(pod, dim, selected);
  if (signatures.get(el) === signature) return;
  signatures.set(el, signature);
  el.className = `pod cat-${pod.category}${pod.restarts > 0 ? ' restarted' : ''}${dim ? ' dim' : ''}${selected ? ' selected' : ''}`;
  setAttr(el, 'data-phase', pod.phase);
  setAttr(el, 'data-ready', String(pod.ready));
  setAttr(el, 'data-status', pod.status);
  setAttr(el, 'data-category', pod.category);
  setAttr(el, 'data-restarts', String(pod.restarts));
  setAttr(el, 'data-node', pod.node);
  setAttr(el, 'aria-label', podLabel(pod));
  setAttr(
    el,
    'title',
    `${pod.namespace}/${pod.name}\n${pod.status} (${POD_CATEGORY_LABELS[pod.category]}) · ready ${pod.readyText} · ${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}`,
  );
  setText(el, pod.restarts > 0 ? (pod.restarts > 9 ? '9+' : String(pod.restarts)) : '');
}

function createPod(pod: PodSummary, animate: boolean): HTMLElement {
  const el = document.createElement('span');
  el.setAttribute('data-testid', 'pod');
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', '-1');
  el.setAttribute('data-select', '');
  el.setAttribute('data-kind', 'Pod');
  el.setAttribute('data-namespace', pod.namespace);
  el.setAttribute('data-name', pod.name);
  el.setAttribute('data-key', pod.key);
  el.setAttribute('data-focus-key', `pod:${pod.key}`);
  if (animate) el.classList.add('enter');
  return el;
}

/** Pod squares get smaller as the cluster grows: large up to 60 pods, medium up to 400, then small. */
export function density(pods: number): 'large' | 'medium' | 'small' {
  return pods <= 60 ? 'large' : pods <= 400 ? 'medium' : 'small';
}

export class NodeGrid {
  private readonly cards = new Map<string, CardElements>();
  private readonly legend = new Map<PodCategory, HTMLElement>();
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private rendered = false;

  constructor(private readonly root: HTMLElement) {
    this.root.textContent = '';
    const legend = element('div', 'legend', root);
    legend.setAttribute('role', 'group');
    legend.setAttribute('aria-label', 'Pods by status');
    legend.setAttribute('data-testid', 'pod-legend');
    for (const category of POD_CATEGORIES) {
      const item = element('span', 'legend-item', legend);
      item.setAttribute('data-category', category);
      element('span', `pod-swatch cat-${category}`, item).setAttribute('aria-hidden', 'true');
      element('span', 'legend-label', item).textContent = POD_CATEGORY_LABELS[category];
      this.legend.set(category, element('span', 'legend-count', item));
    }
    this.list = element('div', 'node-grid', root);
    this.list.setAttribute('data-testid', 'nodes');
    this.empty = element('p', 'empty hint', root);
    this.empty.textContent = 'No pods yet. Apply a manifest (the "Apply" code lens above a document) to see its pods land on the nodes.';
  }

  update(cards: NodeCard[], options: NodeGridOptions): void {
    const seen = new Set<string>();
    cards.forEach((card, index) => {
      seen.add(card.key);
      let els = this.cards.get(card.key);
      if (!els) {
        els = this.createCard(card);
        this.cards.set(card.key, els);
      }
      if (this.list.children[index] !== els.root) this.list.insertBefore(els.root, this.list.children[index] ?? null);
      this.updateCard(els, card, options);
    });
    for (const [key, els] of this.cards) {
      if (seen.has(key)) continue;
      els.root.remove();
      this.cards.delete(key);
    }
    const counts = new Map<PodCategory, number>();
    let total = 0;
    for (const card of cards) {
      for (const pod of card.podList) counts.set(pod.category, (counts.get(pod.category) ?? 0) + 1);
      total += card.podList.length;
    }
    for (const [category, el] of this.legend) {
      const count = counts.get(category) ?? 0;
      setText(el, String(count));
      el.parentElement?.classList.toggle('zero', count === 0);
    }
    const className = `node-grid density-${density(total)}`;
    if (this.list.className !== className) this.list.className = className;
    this.empty.hidden = total > 0;
    this.rendered = true;
  }

  private createCard(card: NodeCard): CardElements {
    const root = element('section', 'node-card');
    root.setAttribute('data-testid', 'node');
    root.setAttribute('data-name', card.name);
    const head = element('div', 'node-head', root);
    const title = element('button', 'node-name', head);
    title.type = 'button';
    title.textContent = card.name;
    if (card.name !== UNSCHEDULED) {
      title.setAttribute('data-select', '');
      title.setAttribute('data-kind', 'Node');
      title.setAttribute('data-name', card.name);
      title.setAttribute('data-focus-key', `node:${card.name}`);
    } else title.disabled = true;
    const badges = element('span', 'node-badges', head);
    const barBox = element('div', 'bars', root);
    const bars = { cpu: bar(barBox, 'CPU'), memory: bar(barBox, 'Memory'), pods: bar(barBox, 'Pods') };
    if (card.name === UNSCHEDULED) barBox.hidden = true;
    const grid = element('div', 'pod-grid', root);
    grid.setAttribute('role', 'group');
    grid.setAttribute('aria-label', card.name === UNSCHEDULED ? 'Pods waiting for a node' : `Pods on ${card.name}`);
    return { root, title, badges, bars, grid, pods: new Map(), signature: '' };
  }

  private updateCard(els: CardElements, card: NodeCard, options: NodeGridOptions): void {
    const unscheduled = card.name === UNSCHEDULED;
    const className = `node-card${card.ready ? '' : ' not-ready'}${card.cordoned ? ' cordoned' : ''}${unscheduled ? ' unscheduled' : ''}${options.selectedKey === card.key ? ' selected' : ''}`;
    if (els.root.className !== className) els.root.className = className;
    setAttr(els.root, 'data-status', card.status);
    setAttr(els.root, 'data-ready', String(card.ready));
    setAttr(els.root, 'data-cordoned', String(card.cordoned));
    const signature = `${card.status}|${card.podList.length}`;
    if (signature !== els.signature) {
      els.signature = signature;
      els.badges.textContent = '';
      const badge = (text: string, cls: string): void => {
        element('span', `badge ${cls}`, els.badges).textContent = text;
      };
      if (unscheduled) badge('waiting for a node', 'tone-warn');
      else {
        badge(card.ready ? 'Ready' : 'NotReady', card.ready ? 'tone-ok' : 'tone-error');
        if (card.cordoned) badge('SchedulingDisabled', 'tone-warn');
      }
      element('span', 'pod-count', els.badges).textContent = `${card.podList.length} pod${card.podList.length === 1 ? '' : 's'}`;
      setAttr(els.title, 'aria-label', `Node ${card.name}: ${card.status}, ${card.podList.length} pods`);
    }
    if (!unscheduled) {
      updateBar(els.bars.cpu, card.cpu, `${formatCpu(card.cpu.requested)} / ${formatCpu(card.cpu.allocatable)}`);
      updateBar(els.bars.memory, card.memory, `${formatMemory(card.memory.requested)} / ${formatMemory(card.memory.allocatable)}`);
      updateBar(els.bars.pods, card.pods, `${card.pods.requested} / ${card.pods.allocatable}`);
    }
    this.updatePods(els, card.podList, options);
  }

  private updatePods(els: CardElements, pods: PodSummary[], options: NodeGridOptions): void {
    const seen = new Set<string>();
    const children = els.grid.children;
    pods.forEach((pod, index) => {
      seen.add(pod.key);
      let el = els.pods.get(pod.key);
      if (!el) {
        el = createPod(pod, this.rendered);
        els.pods.set(pod.key, el);
      }
      if (children[index] !== el) els.grid.insertBefore(el, children[index] ?? null);
      updatePod(el, pod, options);
    });
    for (const [key, el] of els.pods) {
      if (seen.has(key)) continue;
      el.remove();
      els.pods.delete(key);
    }
    // Roving tab stop: exactly one pod per node is in the tab order (the focused one, else the first).
    const focused = document.activeElement;
    const stop = focused instanceof HTMLElement && focused.parentElement === els.grid ? focused : (els.grid.firstElementChild as HTMLElement | null);
    for (const el of els.pods.values()) setAttr(el, 'tabindex', el === stop ? '0' : '-1');
  }
}
