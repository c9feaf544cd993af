import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { E2eTest } from '../harness';
import type { UiContext } from './context';
import { loadWorkbench, quickOpen, runCommand, webview } from './workbench';

const WAIT = 30_000;
/** After a rollout undo the cluster runs the old image while the file names the new one: the lens says so. */
const UNDONE = '● 3/3 ready · cluster differs: image example/api:1.0.0, file example/api:1.1.0';

/** The code lens whose text is exactly `title` (a substring match would confuse "▶ Apply" with "▶ Apply file …"). */
function lens(page: Page, title: string | RegExp): Locator {
  const exact = typeof title === 'string' ? new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : title;
  return page.locator('.codelens-decoration a').filter({ hasText: exact }).first();
}

async function waitForLens(page: Page, title: string | RegExp, timeout = WAIT): Promise<Locator> {
  const found = lens(page, title);
  try {
    await found.waitFor({ timeout });
  } catch {
    const shown = (await page.locator('.codelens-decoration a').allInnerTexts()).map((t) => t.trim());
    throw new Error(`No code lens ${String(title)}; shown: ${shown.join(' | ') || '(none)'}`);
  }
  return found;
}

async function clickLens(page: Page, title: string): Promise<void> {
  await (await waitForLens(page, title)).click();
}

/** Replaces the first occurrence of `text` in the active editor: Find selects it, typing replaces it. */
async function replaceInEditor(page: Page, text: string, replacement: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+F');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await page.keyboard.type(replacement);
}

/**
 * The language server of the window showing `page`: a `dist/server.js` process whose working
 * directory is the window's folder (the language client starts it there). Linux only.
 */
function languageServerOf(page: Page): number | undefined {
  const folder = new URL(page.url()).searchParams.get('folder');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) continue;
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').includes(') Z ')) continue;
      if (readlinkSync(`/proc/${entry}/cwd`) === folder) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

async function waitForNewServer(page: Page, old: number): Promise<number> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const pid = languageServerOf(page);
    if (pid !== undefined && pid !== old) return pid;
    if (Date.now() > deadline) throw new Error(`no new language server after ${WAIT} ms`);
    await page.waitForTimeout(200);
  }
}

export const clusterUiTests: E2eTest<UiContext>[] = [
  {
    name: 'apply from the editor: the shop becomes ready, an edit rolls out, pod delete and rollout undo from the panel, the cluster survives a server kill and a reload',
    timeoutMs: 150_000,
    async run(ui) {
      const page = await ui.openWorkspace('examples', 'repo');

      await quickOpen(page, 'namespace.yaml');
      await clickLens(page, '▶ Apply');
      await waitForLens(page, '● Active');
      await ui.screenshot(page, 'cluster-1-namespace-applied');

      await quickOpen(page, 'config.yaml');
      await clickLens(page, '▶ Apply file (2 resources)');
      await waitForLens(page, '● applied');

      await quickOpen(page, 'api.yaml');
      await clickLens(page, '▶ Apply');
      await waitForLens(page, '● 3/3 ready');
      await ui.screenshot(page, 'cluster-2-api-ready');
      // The first apply opened the cluster panel beside the editor: its three api pods are ready.
      const readyPods = webview(page).locator('[data-testid="pod"][data-namespace="shop"][data-ready="true"]');
      await readyPods.nth(2).waitFor({ timeout: WAIT });
      assert.equal(await readyPods.count(), 3);
      // Pods are named after their ReplicaSet: "api-<template hash>-<suffix>".
      const firstPod = (await readyPods.first().getAttribute('data-name')) ?? '';
      const firstReplicaSet = firstPod.slice(0, firstPod.lastIndexOf('-') + 1);
      await ui.screenshot(page, 'cluster-3-panel-pods-ready');

      await replaceInEditor(page, 'api:1.0.0', 'api:1.1.0');
      await waitForLens(page, '● 3/3 ready · edited since apply');
      await clickLens(page, '▶ Apply');
      await waitForLens(page, /^\s*◐ rolling out \d\/3 updated\s*$/);
      await ui.screenshot(page, 'cluster-4-rolling-update');
      await waitForLens(page, '● 3/3 ready');
      await ui.screenshot(page, 'cluster-5-rolled-out');
      // Save, so that neither the server restart nor the reload below asks about the edited file.
      await page.keyboard.press('Control+S');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: WAIT });

      // Delete a pod from the panel: its ReplicaSet replaces it.
      const panel = webview(page);
      const shopPods = panel.locator('[data-testid="pod"][data-namespace="shop"]');
      const victim = await shopPods.first().getAttribute('data-name');
      assert.ok(victim, 'no shop pod in the panel');
      await shopPods.first().click();
      await panel.locator('[data-testid="action-deletePod"]').click();
      await panel.locator(`[data-testid="pod"][data-name="${victim}"]`).waitFor({ state: 'detached', timeout: WAIT });
      await panel.locator('[data-testid="pod"][data-namespace="shop"][data-ready="true"]').nth(2).waitFor({ timeout: WAIT });
      await ui.screenshot(page, 'cluster-6-pod-replaced');

      // Rollout undo from the panel: the Deployment rolls back to example/api:1.0.0.
      await panel.locator('[data-testid="tab-workloads"]').click();
      await panel.locator('[data-testid="row"][data-kind="Deployment"][data-name="api"]').click();
      await panel.locator('[data-testid="action-rolloutUndo"]').click();
      await panel.locator(`[data-testid="row"][data-kind="Pod"][data-name^="${firstReplicaSet}"]`).nth(2).waitFor({ timeout: WAIT });
      await ui.screenshot(page, 'cluster-7-rollout-undo');
      await quickOpen(page, 'api.yaml');
      await waitForLens(page, UNDONE);

      // Kill the language server: the client restarts it and the cluster comes back.
      const server = languageServerOf(page);
      assert.ok(server, 'the language server of this window was not found');
      process.kill(server, 'SIGKILL');
      await waitForNewServer(page, server);
      await page.keyboard.press('Control+W');
      await quickOpen(page, 'api.yaml');
      await waitForLens(page, UNDONE);
      // The panel (on its Workloads tab) shows the restored pods again.
      await panel.locator('[data-testid="row"][data-kind="Pod"][data-namespace="shop"]').nth(2).waitFor({ timeout: WAIT });
      await ui.screenshot(page, 'cluster-8-restored-after-server-kill');

      await runCommand(page, 'Developer: Reload Window');
      await page.waitForEvent('load', { timeout: WAIT });
      await loadWorkbench(page, page.url());
      await quickOpen(page, 'api.yaml');
      await waitForLens(page, UNDONE);
      await ui.screenshot(page, 'cluster-9-restored-after-reload');
    },
  },
];
