import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import type { ApplyResponse } from '../../../server/src/lsp/protocol';
import type { E2eTest } from '../harness';
import { action, clickLens, copyExample, identities, isReady, lensTitles, livePods, pollUntil, podImage, savedObjects, snapshot } from './clusterHelpers';
import { activateExtension, languageServerPids, lineOf, openWorkspaceFile, waitUntil } from './helpers';

const READY = '● 3/3 ready';
const apiPods = async () => livePods((await snapshot()).objects, 'shop');
const allReadyWith = (image: string) => (pods: Awaited<ReturnType<typeof apiPods>>) =>
  pods.length === 3 && pods.every((p) => isReady(p) && podImage(p) === image);

/** Waits until the status lens of line `line` of `uri` reads `title` (drift notes may follow it: `title · …`). */
function statusBecomes(uri: vscode.Uri, line: number, title: string, timeoutMs = 30_000): Promise<string[]> {
  return pollUntil(
    () => lensTitles(uri, line),
    (titles) => titles.some((t) => t === title || t.startsWith(`${title} · `)),
    timeoutMs,
    `the lens on line ${line + 1} of ${uri.path} never read "${title}"`,
  );
}

export const clusterTests: E2eTest<void>[] = [
  {
    name: 'cluster: applying the shop from its code lenses makes the api Deployment 3/3 ready',
    timeoutMs: 60_000,
    async run() {
      await activateExtension();
      await copyExample('shop');
      const namespace = await openWorkspaceFile('shop/namespace.yaml');
      const created = await clickLens(namespace.document.uri, 0, '▶ Apply');
      assert.deepEqual(
        created.results.map((r) => r.message),
        ['namespace/shop created'],
      );
      const config = await openWorkspaceFile('shop/config.yaml');
      const configured = await clickLens(config.document.uri, 0, '▶ Apply file (2 resources)');
      assert.deepEqual(
        configured.results.map((r) => r.message),
        ['configmap/app-config created', 'secret/app-secrets created'],
      );
      const api = await openWorkspaceFile('shop/api.yaml');
      assert.deepEqual(await lensTitles(api.document.uri, 0), ['▶ Apply file (2 resources)', '▶ Apply']);
      const applied = await clickLens(api.document.uri, 0, '▶ Apply');
      assert.deepEqual(
        applied.results.map((r) => r.message),
        ['deployment.apps/api created'],
      );
      await statusBecomes(api.document.uri, 0, READY);
      assert.deepEqual(await lensTitles(api.document.uri, 0), ['▶ Apply file (2 resources)', '▶ Apply', 'Delete', READY]);
    },
  },
  {
    name: 'cluster: a Deployment with errors is refused with the API server message and nothing is applied',
    async run() {
      const editor = await openWorkspaceFile('broken-deployment.yaml');
      const line = lineOf(editor.document, 'apiVersion:');
      const response = await clickLens<ApplyResponse>(editor.document.uri, line, '▶ Apply');
      assert.equal(response.ok, false);
      assert.equal(
        response.results[0].message,
        'The Deployment "web" is invalid: [metadata.lables: Unknown field \'lables\' in ObjectMeta; did you mean \'labels\'?, spec.replicas: Invalid value: "3": expected integer, got string; remove the quotes]',
      );
      assert.equal(
        (await snapshot()).objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web'),
        false,
      );
      // The refusal shows on the document's lens, with the API server's text in its tooltip.
      const titles = await pollUntil(
        () => lensTitles(editor.document.uri, line),
        (t) => t.length === 2 && t[0] === '▶ Apply' && t[1].startsWith("✖ refused: metadata.lables: Unknown field 'lables' in ObjectMeta"),
        10_000,
        'the lens never showed the refusal',
      );
      assert.match(titles[1], /\(\+1 more\)$/);
    },
  },
  {
    name: 'cluster: re-applying an edited image rolls out, and rollout undo goes back',
    timeoutMs: 90_000,
    async run() {
      const editor = await openWorkspaceFile('shop/api.yaml');
      const uri = editor.document.uri;
      const imageLine = lineOf(editor.document, 'example/api:1.0.0');
      const at = editor.document.lineAt(imageLine).text.indexOf('1.0.0');
      await editor.edit((b) => b.replace(new vscode.Range(imageLine, at, imageLine, at + 5), '1.1.0'));
      try {
        await statusBecomes(uri, 0, `${READY} · edited since apply`);
        // Five times real time: the rollout replaces three pods one by one.
        assert.equal((await action({ type: 'setSpeed', speed: 5 })).ok, true);
        const configured = await clickLens(uri, 0, '▶ Apply');
        assert.deepEqual(
          configured.results.map((r) => r.message),
          ['deployment.apps/api configured'],
        );
        const rolling = await pollUntil(
          () => lensTitles(uri, 0),
          (t) => t.some((x) => x.startsWith('◐ rolling out')),
          10_000,
          'no rolling-out status',
        );
        assert.match(rolling[3], /^◐ rolling out [0-3]\/3 updated$/);
        await statusBecomes(uri, 0, READY);
        await pollUntil(apiPods, allReadyWith('example/api:1.1.0'), 30_000, 'the pods did not all run example/api:1.1.0');

        assert.deepEqual(await action({ type: 'rolloutUndo', namespace: 'shop', name: 'api' }), { ok: true, message: 'deployment.apps/api rolled back' });
        await pollUntil(apiPods, allReadyWith('example/api:1.0.0'), 30_000, 'the pods did not all go back to example/api:1.0.0');
      } finally {
        await action({ type: 'setSpeed', speed: 1 });
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    },
  },
  {
    name: 'cluster: a deleted pod is replaced by its ReplicaSet',
    timeoutMs: 45_000,
    async run() {
      const [victim] = await apiPods();
      assert.deepEqual(await action({ type: 'deletePod', namespace: 'shop', name: victim.metadata.name }), {
        ok: true,
        message: `pod "${victim.metadata.name}" deleted`,
      });
      const pods = await pollUntil(
        apiPods,
        (list) => list.length === 3 && list.every(isReady) && !list.some((p) => p.metadata.name === victim.metadata.name),
        30_000,
        'the pod was not replaced',
      );
      assert.equal(new Set(pods.map((p) => p.metadata.name)).size, 3);
    },
  },
  {
    name: 'cluster: after the language server is killed, the restarted server restores every object',
    timeoutMs: 60_000,
    async run() {
      if (process.platform !== 'linux') return;
      // Paused, the cluster stops changing; wait until the saved file holds exactly the live objects.
      await action({ type: 'pause' });
      const before = await snapshot();
      const expected = identities(before.objects);
      await pollUntil(
        async () => savedObjects(),
        (saved) => saved !== undefined && JSON.stringify(identities(saved)) === JSON.stringify(expected),
        10_000,
        'the cluster was not saved',
      );

      const [server, ...others] = languageServerPids();
      assert.ok(server !== undefined && others.length === 0, `expected one language server process, found ${[server, ...others].join(', ')}`);
      process.kill(server, 'SIGKILL');
      await waitUntil(() => languageServerPids().some((pid) => pid !== server), 20_000, 'no new language server process');

      const after = await pollUntil(snapshot, (s) => s.objects.some((o) => o.kind === 'Deployment'), 20_000, 'the restarted server has no Deployment');
      assert.deepEqual(identities(after.objects), expected);
      assert.equal(after.clock.time, before.clock.time);
      // The restored clock is paused, as it was saved; running again, the cluster carries on.
      assert.equal(after.clock.paused, true);
      await action({ type: 'resume' });
      const editor = await openWorkspaceFile('shop/api.yaml');
      await statusBecomes(editor.document.uri, 0, READY);
    },
  },
];
