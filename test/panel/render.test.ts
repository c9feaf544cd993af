import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, createNonce, panelHtml } from '../../client/src/panel/panelHtml';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { actionsFor, ownerChain, revisionsOf } from '../../client/src/webview/model/details';
import { buildTable } from '../../client/src/webview/model/tables';
import { canIParams, DEFAULT_CAN_I } from '../../client/src/webview/render/canIHtml';
import { renderActions, renderDetailsBody, type DetailsBodyInput } from '../../client/src/webview/render/detailsHtml';
import { esc } from '../../client/src/webview/render/html';
import { renderTable } from '../../client/src/webview/render/tablesHtml';
import { restoreUiState } from '../../client/src/webview/app/uiState';
import { largeCluster, shopCluster, snapshotOf } from './fixtures';

describe('panel page', () => {
  it('has a strict Content Security Policy with a nonce and no inline code', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(createNonce(), nonce);
    const html = panelHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      scriptUri: 'https://x/media/panel.js',
      styleUris: ['https://x/media/panel.css', 'https://x/media/panel-views.css'],
      nonce,
    });
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:`,
    );
    assert.ok(html.includes(`content="${csp.replace(/'/g, "'")}"`));
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x/media/panel.js"></script>`));
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/media\/panel.css">\n<link rel="stylesheet" href="https:\/\/x\/media\/panel-views.css">/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|\son[a-z]+=|style="/);
    assert.equal(html.match(/<script/g)?.length, 1);
  });
});

describe('tables as HTML', () => {
  it('escapes cells and carries the object in data attributes', () => {
    const html = renderTable({
      id: 't',
      title: 'Pods',
      kind: 'Pod',
      columns: ['NAME'],
      total: 1,
      matched: 1,
      rows: [{ key: 'Pod/default/<b>', ref: { kind: 'Pod', namespace: 'default', name: '<b>' }, cells: ['<b>'] }],
    });
    assert.ok(!html.includes('<b>'));
    assert.match(html, /data-kind="Pod" data-namespace="default" data-name="&lt;b&gt;"/);
    assert.match(html, /<tr class="row" tabindex="0" data-testid="row" data-select/);
  });

  it('shows the first rows of a long table and a button for the rest', () => {
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(largeCluster(250, 5, 5)));
    const table = buildTable(model, 'pods');
    assert.equal(table.rows.length, 250);
    const capped = renderTable(table);
    assert.equal(capped.match(/data-testid="row"/g)?.length, 100);
    assert.match(capped, /Showing 100 of 250\. <button type="button" data-action="expand" data-table="pods"/);
    assert.equal(renderTable(table, { expanded: true }).match(/data-testid="row"/g)?.length, 250);
    const limited = buildTable(model, 'pods', { limit: 100 });
    assert.deepEqual([limited.rows.length, limited.matched, limited.total], [100, 250, 250]);
    assert.equal(renderTable(limited), capped, 'building only the shown rows renders the same table');
    const filtered = buildTable(model, 'pods', { limit: 10, filter: 'app-1-' });
    assert.deepEqual([filtered.rows.length, filtered.matched], [10, 50]);
  });

  it('escapes everything HTML cares about', () => {
    assert.equal(esc(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('details pane', () => {
  it('offers the actions that apply to each kind, and rollout undo once there is an older revision', () => {
    const cluster = shopCluster({ runMs: 20_000 });
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(cluster));
    const deployment = model.get('Deployment', 'shop', 'api');
    assert.ok(deployment);
    assert.deepEqual(
      actionsFor(model, deployment).map((a) => a.id),
      ['scale', 'rolloutRestart', 'crash', 'imagePullFailure', 'readinessFailure'],
    );
    cluster.setImage('Deployment', 'shop', 'api', 'api', 'example/api:2.0.0');
    cluster.runFor(60_000);
    model.loadSnapshot(snapshotOf(cluster));
    const updated = model.get('Deployment', 'shop', 'api');
    assert.ok(updated);
    assert.deepEqual(
      revisionsOf(model, updated).map((r) => [r.revision, r.images, r.current]),
      [
        [2, 'example/api:2.0.0', true],
        [1, 'example/api:1.0.0', false],
      ],
    );
    assert.ok(actionsFor(model, updated).some((a) => a.id === 'rolloutUndo' && a.input === 'revision'));
    const node = model.get('Node', undefined, 'node-1');
    assert.ok(node);
    assert.deepEqual(
      actionsFor(model, node).map((a) => a.action),
      [
        { type: 'cordon', node: 'node-1' },
        { type: 'drain', node: 'node-1' },
        { type: 'failNode', node: 'node-1' },
      ],
    );
    const pod = model.list('Pod', 'shop').find((p) => p.metadata.name.startsWith('api-'));
    assert.ok(pod);
    assert.deepEqual(
      actionsFor(model, pod).map((a) => a.action.type),
      ['deletePod', 'fault', 'fault', 'fault'],
    );
    assert.deepEqual(
      ownerChain(model, pod).map((r) => r.kind),
      ['Pod', 'ReplicaSet', 'Deployment'],
    );
  });

  it('offers "Clear fault" wherever a fault shows: on its object and on the pods it affects', () => {
    const model = new ClusterModel();
    model.loadSnapshot(snapshotOf(shopCluster({ runMs: 20_000 })));
    const deployment = model.get('Deployment', 'shop', 'api');
    const pod = model.list('Pod', 'shop').find((p) => p.metadata.name.startsWith('api-'));
    assert.ok(deployment && pod);
    model.applyDelta({
      upserts: [],
      deletes: [],
      events: [],
      clock: model.clock,
      faults: [
        { id: 7, fault: 'crash', target: { kind: 'Deployment', namespace: 'shop', name: 'api' } },
        { id: 8, fault: 'readinessFailure', target: { kind: 'Pod', namespace: 'shop', name: pod.metadata.name } },
      ],
    });
    assert.deepEqual(
      actionsFor(model, deployment)
        .filter((a) => a.action.type === 'clearFault')
        .map((a) => [a.label, a.action]),
      [['Clear fault: crash', { type: 'clearFault', id: 7 }]],
    );
    assert.deepEqual(
      actionsFor(model, pod)
        .filter((a) => a.action.type === 'clearFault')
        .map((a) => a.label),
      ['Clear fault: crash (on deployment/api)', 'Clear fault: readiness failure'],
    );
    const html = renderActions(actionsFor(model, deployment), []);
    assert.match(
      html,
      /aria-label="Active faults"><span class="actions-label">Active faults<\/span><button type="button" class="secondary" data-action="act" data-act="clearFault:7" data-testid="action-clearFault:7"/,
    );
  });

  it('builds can-i parameters from the form', () => {
    const sa = canIParams(DEFAULT_CAN_I);
    assert.ok(sa.ok);
    assert.deepEqual(sa.params, {
      subject: { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      verb: 'get',
      resource: 'pods',
      group: '',
      namespace: 'default',
    });
    assert.equal(sa.question, 'Can system:serviceaccount:default:default get pods in namespace default?');
    const logs = canIParams({ ...DEFAULT_CAN_I, subjectKind: 'User', subjectName: 'jane', resource: 'pods/log', namespace: '' });
    assert.ok(logs.ok);
    assert.deepEqual(logs.params, { subject: { kind: 'User', name: 'jane' }, verb: 'get', resource: 'pods', group: '', subresource: 'log' });
    const scale = canIParams({ ...DEFAULT_CAN_I, verb: 'update', resource: 'deployments/scale' });
    assert.ok(scale.ok);
    assert.deepEqual([scale.params.resource, scale.params.group, scale.params.subresource], ['deployments', 'apps', 'scale']);
    const explicit = canIParams({ ...DEFAULT_CAN_I, resource: 'widgets.example.com' });
    assert.ok(explicit.ok);
    assert.deepEqual([explicit.params.resource, explicit.params.group], ['widgets', 'example.com']);
    assert.deepEqual(canIParams({ ...DEFAULT_CAN_I, subjectNamespace: ' ' }), { ok: false, error: 'A service account needs its namespace.' });
  });

  it('restores the saved UI state and ignores what does not fit', () => {
    assert.deepEqual(restoreUiState(undefined).view, 'nodes');
    const restored = restoreUiState({
      view: 'events',
      namespace: 'shop',
      eventType: 'Warning',
      expanded: ['pods', 3],
      selected: { kind: 'Pod', name: 'p' },
      detailTab: 'yaml',
      stepMs: 0,
      canI: { verb: 7 },
    });
    assert.equal(restored.view, 'events');
    assert.equal(restored.namespace, 'shop');
    assert.equal(restored.eventType, 'Warning');
    assert.deepEqual(restored.expanded, ['pods']);
    assert.deepEqual(restored.selected, { kind: 'Pod', name: 'p' });
    assert.equal(restored.detailTab, 'yaml');
    assert.equal(restored.stepMs, 0);
    assert.equal(restored.canI.verb, 'get');
    assert.equal(restoreUiState({ view: 'bogus' }).view, 'nodes');
  });
});

describe('Secret values in the YAML tab', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'shop', uid: 'u1', resourceVersion: '7' },
    stringData: { PASSWORD: '•••••• (9 bytes)' },
  };
  const body = (extra: Partial<DetailsBodyInput>): string =>
    renderDetailsBody({ tab: 'yaml', object: secret, conditions: [], events: [], eventNow: 0, ...extra });

  it('offers to reveal masked values, and shows them only once revealed', () => {
    const masked = body({});
    assert.match(masked, /data-action="revealSecrets"/);
    assert.ok(!masked.includes('hunter2'));
    const revealed = body({ revealed: { ...secret, stringData: { PASSWORD: 'hunter2' } } });
    assert.match(revealed, /hunter2/);
    assert.match(revealed, /data-action="hideSecrets"/);
  });

  it('has no reveal control for other kinds', () => {
    assert.ok(!renderDetailsBody({ tab: 'yaml', object: { ...secret, kind: 'ConfigMap' }, conditions: [], events: [], eventNow: 0 }).includes('revealSecrets'));
  });
});
