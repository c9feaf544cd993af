/// <reference lib="dom" />
/**
 * The details pane of the selected object: header with its manifest, actions, and the Overview /
 * Describe / YAML tabs. Describe text comes from the server; everything else from the live model.
 */
import type { ClusterAction, KubeObject, ObjectRef } from '../../../../server/src/lsp/protocol';
import { keyOfRef, type ClusterModel } from '../model/clusterModel';
import { actionsFor, conditionsOf, ownerChain, revisionsOf } from '../model/details';
import { filterEvents } from '../model/events';
import { actionsSignature, renderActions, renderDetailsBody, renderDetailsHeader, renderDetailTabs, type DescribeState } from '../render/detailsHtml';
import { byId, replaceHtml } from './dom';
import type { Host } from './host';
import type { UiState } from './uiState';

/** While the Describe tab shows a changing object, it asks the server again at most this often. */
const DESCRIBE_REFRESH_MS = 1000;
export const MAX_REPLICAS = 10_000;

export class DetailsPane {
  private describe: { key: string; state: DescribeState } | undefined;
  private manifest: { key: string; text: string } | undefined;
  /** A Secret whose values the user asked to see (the model only ever holds masked Secrets). */
  private revealed: { key: string; object: KubeObject } | undefined;
  private describeAskedAt = 0;
  private rendered = { head: '', actions: '', body: '' };

  constructor(
    private readonly model: ClusterModel,
    private readonly host: Host,
    private readonly ui: () => UiState,
    private readonly schedule: () => void,
  ) {}

  render(time: number): void {
    const ui = this.ui();
    const ref = ui.selected;
    byId('details').hidden = ref === undefined;
    // Revealed Secret values are forgotten as soon as another object (or none) is selected.
    if (this.revealed && (!ref || this.revealed.key !== keyOfRef(ref))) this.revealed = undefined;
    if (!ref) {
      this.rendered = { head: '', actions: '', body: '' };
      return;
    }
    const key = keyOfRef(ref);
    const obj = this.model.getRef(ref);
    const manifest = this.manifest?.key === key ? this.manifest.text : undefined;
    const headKey = JSON.stringify([key, obj !== undefined, manifest]);
    if (headKey !== this.rendered.head) {
      this.rendered.head = headKey;
      replaceHtml(byId('details-head'), renderDetailsHeader(ref, obj !== undefined, manifest));
    }
    const specs = obj ? actionsFor(this.model, obj) : [];
    const revisions = obj?.kind === 'Deployment' ? revisionsOf(this.model, obj) : [];
    const actionsKey = `${key}|${actionsSignature(specs, revisions)}`;
    if (actionsKey !== this.rendered.actions) {
      this.rendered.actions = actionsKey;
      replaceHtml(byId('details-actions'), renderActions(specs, revisions));
      replaceHtml(byId('details-tabs'), renderDetailTabs(ui.detailTab));
    }
    const describe = this.describe?.key === key ? this.describe.state : undefined;
    const live = ui.detailTab === 'overview' ? [this.model.version, Math.floor(time / 1000)] : 0;
    const revealed = this.revealed?.key === key ? this.revealed.object : undefined;
    const bodyKey = JSON.stringify([key, ui.detailTab, obj?.metadata.resourceVersion ?? null, describe, live, revealed?.metadata.resourceVersion ?? null]);
    if (bodyKey === this.rendered.body) return;
    this.rendered.body = bodyKey;
    replaceHtml(
      byId('details-body'),
      renderDetailsBody({
        tab: ui.detailTab,
        ...(obj ? { object: obj } : {}),
        conditions: obj ? conditionsOf(obj, this.model.clock.epoch + time) : [],
        events: filterEvents(this.model.events, { object: ref }),
        eventNow: time,
        ...(describe ? { describe } : {}),
        ...(revealed ? { revealed } : {}),
      }),
    );
  }

  /** The selected tab changed: show it, and fetch the describe text when it is the Describe tab. */
  showTab(): void {
    const ui = this.ui();
    replaceHtml(byId('details-tabs'), renderDetailTabs(ui.detailTab));
    if (ui.detailTab === 'describe' && ui.selected) this.requestDescribe(ui.selected);
  }

  /** Objects changed: a Describe tab showing one of them is refreshed (throttled). */
  objectsChanged(keys: Set<string>): void {
    const ui = this.ui();
    if (ui.selected && ui.detailTab === 'describe' && keys.has(keyOfRef(ui.selected))) this.requestDescribe(ui.selected, true);
  }

  requestDescribe(ref: ObjectRef, throttled = false): void {
    const key = keyOfRef(ref);
    const now = performance.now();
    if (throttled && now - this.describeAskedAt < DESCRIBE_REFRESH_MS) return;
    this.describeAskedAt = now;
    if (!throttled || this.describe?.key !== key) this.describe = { key, state: { state: 'loading' } };
    void this.host.request<'describeResult'>({ type: 'describe', ref }).then((reply) => {
      const selected = this.ui().selected;
      if (!selected || keyOfRef(selected) !== key) return;
      const state: DescribeState =
        reply.ok && reply.response ? { state: 'ok', text: reply.response.text } : { state: 'error', text: reply.message ?? 'describe failed' };
      this.describe = { key, state };
      this.schedule();
    });
  }

  /** Fetches the selected Secret with its values (`hide` forgets them again). */
  revealSecrets(ref: ObjectRef, hide = false): void {
    const key = keyOfRef(ref);
    this.revealed = undefined;
    this.schedule();
    if (hide) return;
    void this.host.request<'describeResult'>({ type: 'describe', ref, revealSecrets: true }).then((reply) => {
      const selected = this.ui().selected;
      if (!selected || keyOfRef(selected) !== key || !reply.ok || !reply.response?.object) return;
      this.revealed = { key, object: reply.response.object };
      this.schedule();
    });
  }

  /** Asks the extension to open the manifest of the object, or of its owners. */
  reveal(ref: ObjectRef): void {
    const key = keyOfRef(ref);
    const obj = this.model.getRef(ref);
    const refs = obj ? ownerChain(this.model, obj) : [ref];
    this.manifest = { key, text: 'Looking for its manifest…' };
    this.schedule();
    void this.host.request<'revealResult'>({ type: 'reveal', refs }).then((reply) => {
      const owner = reply.found && keyOfRef(reply.found) !== key ? ` (its ${reply.found.kind})` : '';
      this.manifest = { key, text: reply.location ? `Manifest: ${reply.location}${owner}` : reply.message };
      this.schedule();
    });
  }

  /** The request for action `id` of the selected object, with the values typed in its inputs. */
  action(id: string): { action: ClusterAction } | { error: string; field?: HTMLElement } | undefined {
    const selected = this.ui().selected;
    const obj = selected ? this.model.getRef(selected) : undefined;
    const spec = obj ? actionsFor(this.model, obj).find((s) => s.id === id) : undefined;
    if (!spec) return undefined;
    const action = spec.action;
    if (action.type === 'scale') {
      const input = document.getElementById('input-replicas') as HTMLInputElement | null;
      const replicas = Number(input?.value);
      if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
        return { error: `Replicas must be a whole number from 0 to ${MAX_REPLICAS}.`, ...(input ? { field: input } : {}) };
      }
      return { action: { ...action, replicas } };
    }
    if (action.type === 'rolloutUndo') {
      const revision = Number((document.getElementById('input-revision') as HTMLSelectElement | null)?.value ?? 0);
      return { action: revision > 0 ? { ...action, toRevision: revision } : { type: 'rolloutUndo', namespace: action.namespace, name: action.name } };
    }
    return { action };
  }
}
